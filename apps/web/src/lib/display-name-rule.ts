import type { FormRule } from 'antd';
import { displayNameProblem, normaliseDisplayName } from '@arya/validators/display-name';
import type { Translate } from '../i18n/I18nProvider';

/**
 * The display-name field's check, the server's rule in the server's words: hidden or control characters (bidi
 * overrides, zero-width…) and over-long names. A blank name is the form's own business (it clears or leaves it out).
 */
export function displayNameRule(t: Translate): FormRule {
  return {
    validator: async (_rule, value: string | undefined) => {
      const problem = value ? displayNameProblem(normaliseDisplayName(value)) : null;
      if (!problem || problem.kind === 'empty') return;
      const { kind, ...params } = problem;
      throw new Error(t(`displayName.${kind}`, params));
    },
  };
}
