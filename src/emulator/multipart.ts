/**
 * Reads a `multipart/form-data` body of text fields into an object, as CometChat's keyword-list
 * endpoints receive them. File parts are kept by name with their text content; a body that is not
 * a well-formed form is refused as a bad request.
 */
import { badRequest } from './http.js';

/** The boundary of a `multipart/form-data` content type, or undefined for any other type. */
export function formBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined) throw badRequest({ body: ['The form has no boundary.'] });
  return boundary;
}

/** The text fields of a multipart body. */
export function parseForm(text: string, boundary: string): Record<string, string> {
  const out: Record<string, string> = {};
  const parts = text.split(`--${boundary}`);
  if (parts.length < 2) throw badRequest({ body: ['The form body is malformed.'] });
  for (const part of parts.slice(1)) {
    if (part.startsWith('--')) break;
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw badRequest({ body: ['The form body is malformed.'] });
    const head = part.slice(0, split);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) throw badRequest({ body: ['A form part has no name.'] });
    out[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return out;
}
