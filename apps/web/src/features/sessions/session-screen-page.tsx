export function SessionScreenPage() {
  return null;
}
