import { randomUUID } from 'node:crypto';

/** Body shapes Dysmsapi answers with. Business results (Code "OK" or "isv.*") come with HTTP 200. */
export interface SendSmsBody {
  RequestId: string;
  Code: string;
  Message: string;
  BizId?: string;
}

/** Gateway errors (signature, parameters, throttling, server faults) come with a 4xx/5xx status. */
export interface GatewayErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

export interface EmulatorResponse {
  status: number;
  body: SendSmsBody | GatewayErrorBody;
}

export const HOST_ID = 'dysmsapi.aliyuncs.com';

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

export function businessResult(requestId: string, code: string, message: string): EmulatorResponse {
  return { status: 200, body: { RequestId: requestId, Code: code, Message: message } };
}

export function gatewayError(requestId: string, status: number, code: string, message: string): EmulatorResponse {
  return {
    status,
    body: {
      RequestId: requestId,
      HostId: HOST_ID,
      Code: code,
      Message: message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Dysmsapi`,
    },
  };
}
