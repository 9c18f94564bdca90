export {
  startSmsEmulator,
  DEFAULT_ACCESS_KEYS,
  DEFAULT_SIGN_NAMES,
  DEFAULT_TEMPLATES,
  type SmsEmulator,
  type SmsEmulatorOptions,
} from './server';
export { aliyunEnvFor } from './server-env';
export type { DeliveredMessage } from './send-sms';
export type { Fault } from './faults';
export { DEFAULT_FLOW_CONTROL, type FlowControlLimits } from './flow-control';
export { canonicalPhone } from './phone';
