/** What production additionally requires (SMS through Aliyun); never called by these tests. */
export const productionSmsEnv = {
  SMS_PROVIDER: 'aliyun',
  SMS_CODE_SECRET: 'test-only-sms-code-secret-0123456789abcdef',
  ALIYUN_ACCESS_KEY_ID: 'test-key-id',
  ALIYUN_ACCESS_KEY_SECRET: 'test-key-secret',
  ALIYUN_SMS_SIGN_NAME: 'Arya',
  ALIYUN_SMS_TEMPLATE_REGISTER: 'SMS_1',
  ALIYUN_SMS_TEMPLATE_LOGIN: 'SMS_2',
  ALIYUN_SMS_TEMPLATE_RESET_PASSWORD: 'SMS_3',
  ALIYUN_SMS_TEMPLATE_BIND_PHONE: 'SMS_4',
  ALIYUN_SMS_ENDPOINT: '127.0.0.1:9',
  ALIYUN_SMS_PROTOCOL: 'http',
};
