// Hands a file to the browser's own download manager: an address it fetches itself (the
// study's ZIP streams to disk), or a file made in the page (an image).
function clickDownload(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

export function saveFromUrl(url: string, fileName: string): void {
  clickDownload(url, fileName);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  clickDownload(url, fileName);
  // The download has its own copy once started; the page's can go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
