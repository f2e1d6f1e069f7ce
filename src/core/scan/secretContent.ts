// Files that carry credentials under an innocent name: recognised by content, as secret scanners
// such as gitleaks and detect-secrets do for these formats (a PEM private-key block, a cloud
// service-account key file). Such a file is never indexed, whatever its name.

const PRIVATE_KEY_BLOCK = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
// Google Cloud service-account key files: JSON with this type and an embedded private key.
const SERVICE_ACCOUNT = /"type"\s*:\s*"service_account"/;

/** Why a file's text holds a secret, or undefined. Cheap substring checks guard the patterns. */
export function secretContentReason(text: string): string | undefined {
  if (text.includes('PRIVATE KEY') && PRIVATE_KEY_BLOCK.test(text)) return 'contains a private-key block';
  if (text.includes('service_account') && text.includes('"private_key"') && SERVICE_ACCOUNT.test(text)) return 'cloud service-account key file';
  return undefined;
}
