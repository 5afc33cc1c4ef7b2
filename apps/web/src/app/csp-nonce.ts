/**
 * The server writes the per-request CSP nonce into `<meta name="csp-nonce">`. Everything that
 * injects a `<style>` element must stamp it, or the policy (`style-src 'self' 'nonce-…'`) blocks it:
 * Mantine gets it through `getStyleNonce`; react-remove-scroll (Mantine's modal scroll lock) reads
 * it through `get-nonce`, whose fallback is the global `__webpack_nonce__`.
 * Without a server (vite dev/preview) the placeholder is left and no nonce is needed.
 */
declare global {
  var __webpack_nonce__: string | undefined;
}

export function readCspNonce(): string | undefined {
  const content = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  return content && content !== '__CSP_NONCE__' ? content : undefined;
}

export function shareCspNonce(nonce: string | undefined): void {
  if (nonce) globalThis.__webpack_nonce__ = nonce;
}
