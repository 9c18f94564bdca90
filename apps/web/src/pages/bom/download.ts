/** Follows a download link (a short-lived `/files/<ticket>` URL or a blob URL), saving under the given name. */
export function followDownloadLink(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/** Saves bytes the API returned as base64 (the template) under a file name. */
export function saveBase64(base64: string, fileName: string, contentType: string): void {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  followDownloadLink(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
