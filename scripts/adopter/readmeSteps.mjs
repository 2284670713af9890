// The README's install section as steps for the adopter test: every fenced code block that
// follows an `<!-- adopter-test: ACTION [PATH] -->` comment (blank lines between them allowed).
const MARKED_BLOCK =
  /<!--\s*adopter-test:\s*([a-z]+)(?:\s+(\S+))?\s*-->\s*\n\s*```([a-z]*)\n([\s\S]*?)\n```/g;

export function parseReadmeSteps(markdown) {
  const steps = [];
  for (const [, action, target, lang, body] of markdown.matchAll(
    MARKED_BLOCK,
  )) {
    steps.push({ action, target, lang, body });
  }
  const markers = markdown.match(/<!--\s*adopter-test:/g) ?? [];
  if (markers.length !== steps.length) {
    throw new Error(
      `README: ${markers.length} adopter-test markers but ${steps.length} are followed by a code block`,
    );
  }
  return steps;
}
