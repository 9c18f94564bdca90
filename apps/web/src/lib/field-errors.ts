import type { Translate } from '../i18n/I18nProvider';
import { describeError } from './errors';

export interface FieldErrorEntry<Name extends string> {
  name: Name;
  errors: string[];
}

/**
 * The server's messages about these form fields (e.g. a look-alike account name), ready for `form.setFields`, so they
 * show beside their inputs; empty when the error is about none of them (then the form shows it above the button).
 */
export function serverFieldErrors<Name extends string>(
  error: unknown,
  t: Translate,
  fields: readonly Name[],
): FieldErrorEntry<Name>[] {
  const { fieldErrors } = describeError(error, t);
  return fields.flatMap((name) => {
    const errors = fieldErrors[name];
    return errors && errors.length > 0 ? [{ name, errors }] : [];
  });
}
