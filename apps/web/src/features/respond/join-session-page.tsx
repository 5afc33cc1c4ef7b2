export function JoinSessionPage() {
  return null;
}
