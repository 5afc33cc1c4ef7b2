export function RespondPage() {
  return null;
}
