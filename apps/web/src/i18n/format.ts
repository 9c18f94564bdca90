/** Replaces `{name}` in a text with the param of that name; unknown names stay as written. */
export function formatMessage(text: string, params: Record<string, string | number> = {}): string {
  return text.replaceAll(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
