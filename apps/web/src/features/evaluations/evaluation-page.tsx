export function EvaluationPage() {
  return null;
}
