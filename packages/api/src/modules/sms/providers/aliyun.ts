import * as Dysmsapi from '@alicloud/dysmsapi20170525';
import { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { SmsPurpose } from '../schemas';
import { SmsProviderError, type SmsProvider } from './types';

export interface AliyunSmsSettings {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templates: Record<SmsPurpose, string>;
  /** host[:port], no scheme. */
  endpoint: string;
  protocol: 'https' | 'http';
  timeoutMs: number;
}

type DysmsapiClient = InstanceType<typeof Dysmsapi.default>;

/** The SDK is CommonJS; depending on the loader its class is the default export or that export's `default`. */
function dysmsapiClass(): typeof Dysmsapi.default {
  const exported: unknown = Dysmsapi.default;
  return (exported as { default?: typeof Dysmsapi.default }).default ?? Dysmsapi.default;
}

/** Aliyun's flow-control message names the window that was hit ("触发分钟级流控Permits:1"). */
function flowControlWaitSeconds(message: string | undefined): number {
  if (message?.includes('天级')) return 24 * 60 * 60;
  if (message?.includes('小时级')) return 60 * 60;
  return 60;
}

/** Result codes of an HTTP-200 answer other than OK. */
function businessFailure(code: string, message: string | undefined, requestId: string | null): SmsProviderError {
  const detail = `${code}: ${message ?? ''}`;
  if (code === 'isv.BUSINESS_LIMIT_CONTROL') {
    return new SmsProviderError({
      kind: 'throttled',
      resultCode: code,
      requestId,
      detail,
      retryAfterSeconds: flowControlWaitSeconds(message),
    });
  }
  if (code === 'isv.MOBILE_NUMBER_ILLEGAL')
    return new SmsProviderError({ kind: 'invalidNumber', resultCode: code, requestId, detail });
  if (code.startsWith('isp.'))
    return new SmsProviderError({ kind: 'unavailable', resultCode: code, requestId, detail });
  return new SmsProviderError({ kind: 'misconfigured', resultCode: code, requestId, detail });
}

interface AlibabaCloudErrorShape {
  code: string;
  statusCode: number;
  requestId?: string;
  message: string;
}

function isAlibabaCloudError(error: unknown): error is AlibabaCloudErrorShape {
  return (
    error instanceof Error &&
    typeof (error as Partial<AlibabaCloudErrorShape>).statusCode === 'number' &&
    'code' in error
  );
}

/**
 * The SDK's transport errors quote the request URL, whose query holds the phone number and the code
 * (`…?PhoneNumbers=…&TemplateParam=%7B%22code%22…`): keep only scheme, host and path.
 */
export function withoutQueryStrings(text: string): string {
  return text.replaceAll(/(\bhttps?:\/\/[^\s?]*)\?\S*/g, '$1?[redacted]');
}

/** Errors the SDK throws: 4xx/5xx answers (AlibabaCloudError) and transport failures. Never includes the secret. */
function transportFailure(error: unknown): SmsProviderError {
  if (isAlibabaCloudError(error)) {
    const requestId = error.requestId && error.requestId !== 'undefined' ? error.requestId : null;
    const detail = `HTTP ${error.statusCode} ${error.code}`;
    // Throttling.* is the gateway limiting our whole account, not this phone: the service is unavailable for now.
    const kind = error.statusCode >= 500 || error.code.startsWith('Throttling') ? 'unavailable' : 'misconfigured';
    return new SmsProviderError({ kind, resultCode: error.code, requestId, detail });
  }
  const text = withoutQueryStrings(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  const timedOut = /timeout|timed out/i.test(text);
  return new SmsProviderError({
    kind: 'unavailable',
    resultCode: timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
    requestId: null,
    detail: text,
  });
}

/** Sends through the official SDK (ACS3-HMAC-SHA256 signing). One client per process. */
export function createAliyunSmsProvider(settings: AliyunSmsSettings): SmsProvider {
  const Client = dysmsapiClass();
  const client: DysmsapiClient = new Client(
    new $OpenApiUtil.Config({
      accessKeyId: settings.accessKeyId,
      accessKeySecret: settings.accessKeySecret,
      endpoint: settings.endpoint,
      protocol: settings.protocol,
      connectTimeout: settings.timeoutMs,
      readTimeout: settings.timeoutMs,
      // A connection per message. The SDK's HTTP agent keeps connections alive with no idle timeout of its own (Node
      // shortens an agent's timeout to the server's Keep-Alive hint, but an agent without one keeps idle sockets
      // forever), so a send that leaves just as the endpoint closes the idle connection is reset → 503. Codes go out
      // at most once a minute per phone, so a fresh connection costs nothing that matters.
      globalParameters: new $OpenApiUtil.GlobalParameters({ headers: { connection: 'close' } }),
    }),
  );

  return {
    name: 'aliyun',
    send: async ({ phone, purpose, code }) => {
      const request = new SendSmsRequest({
        phoneNumbers: phone.providerNumber,
        signName: settings.signName,
        templateCode: settings.templates[purpose],
        templateParam: JSON.stringify({ code }),
      });
      let body: Awaited<ReturnType<DysmsapiClient['sendSms']>>['body'];
      try {
        body = (await client.sendSms(request)).body;
      } catch (error) {
        throw transportFailure(error);
      }
      const requestId = body?.requestId ?? null;
      const resultCode = body?.code ?? 'EMPTY_RESPONSE';
      if (resultCode !== 'OK') throw businessFailure(resultCode, body?.message, requestId);
      return { resultCode, requestId };
    },
  };
}
