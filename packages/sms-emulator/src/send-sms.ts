import { randomInt } from 'node:crypto';
import type { FlowControl } from './flow-control';
import { canonicalPhone } from './phone';
import { businessResult, gatewayError, type EmulatorResponse } from './responses';

export interface DeliveredMessage {
  /** Canonical number: mainland without +86, others as 00… */
  phone: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  bizId: string;
  requestId: string;
  receivedAt: Date;
}

export interface SendSmsContext {
  signNames: ReadonlySet<string>;
  /** Template code → names of the variables the template needs. */
  templates: ReadonlyMap<string, readonly string[]>;
  flowControl: FlowControl;
  now: number;
  requestId: string;
}

const MAX_PHONES_PER_REQUEST = 1000;
const REQUIRED = ['PhoneNumbers', 'SignName', 'TemplateCode'] as const;

function parseTemplateParam(raw: string | undefined): Record<string, string> | null {
  if (raw === undefined || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const entries = Object.entries(parsed);
  if (!entries.every((entry): entry is [string, string] => typeof entry[1] === 'string')) return null;
  return Object.fromEntries(entries);
}

function newBizId(): string {
  return `${randomInt(100_000, 999_999)}${Date.now()}^0`;
}

/** Validates a SendSms call the way Dysmsapi does and, when it is accepted, returns the messages to deliver. */
export function handleSendSms(
  params: ReadonlyMap<string, string>,
  ctx: SendSmsContext,
): { response: EmulatorResponse; delivered: DeliveredMessage[] } {
  const refuse = (code: string, message: string) => ({
    response: businessResult(ctx.requestId, code, message),
    delivered: [],
  });

  for (const name of REQUIRED) {
    if (!params.get(name)) {
      return {
        response: gatewayError(ctx.requestId, 400, `Missing${name}`, `${name} is mandatory for this action.`),
        delivered: [],
      };
    }
  }
  const signName = params.get('SignName') ?? '';
  const templateCode = params.get('TemplateCode') ?? '';
  const rawPhones = (params.get('PhoneNumbers') ?? '').split(',');

  if (!ctx.signNames.has(signName)) return refuse('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
  const variables = ctx.templates.get(templateCode);
  if (!variables) return refuse('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
  const templateParam = parseTemplateParam(params.get('TemplateParam'));
  if (!templateParam) return refuse('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
  if (variables.some((name) => !templateParam[name])) return refuse('isv.TEMPLATE_MISSING_PARAMETERS', '模版缺少变量');
  if (rawPhones.length > MAX_PHONES_PER_REQUEST) return refuse('isv.MOBILE_COUNT_OVER_LIMIT', '手机号码数量超过限制');

  const phones: string[] = [];
  for (const raw of rawPhones) {
    const phone = canonicalPhone(raw);
    if (!phone) return refuse('isv.MOBILE_NUMBER_ILLEGAL', 'invalid mobile number');
    phones.push(phone);
  }
  for (const phone of phones) {
    const refusal = ctx.flowControl.admit(phone, signName, ctx.now);
    if (refusal) return refuse('isv.BUSINESS_LIMIT_CONTROL', refusal);
  }

  const bizId = newBizId();
  const response = businessResult(ctx.requestId, 'OK', 'OK');
  response.body = { ...response.body, BizId: bizId };
  const delivered = phones.map((phone) => ({
    phone,
    signName,
    templateCode,
    templateParam,
    bizId,
    requestId: ctx.requestId,
    receivedAt: new Date(ctx.now),
  }));
  return { response, delivered };
}
