export const SMS_CODE_LENGTH = 6;
/** The code an SMS carries: exactly six digits. */
export const SMS_CODE_PATTERN = /^\d{6}$/;
