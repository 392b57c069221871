/**
 * AMQP topic matching (AMQP 0-9-1 §3.1.3.3, RabbitMQ topic exchange): words are separated by
 * dots, `*` matches exactly one word, `#` matches zero or more words.
 */
export function topicMatches(pattern: string, routingKey: string): boolean {
  return matchWords(pattern.split("."), 0, routingKey.split("."), 0);
}

function matchWords(pattern: string[], p: number, key: string[], k: number): boolean {
  while (p < pattern.length) {
    const word = pattern[p];
    if (word === "#") {
      // Collapse consecutive `#`; then try every split point for the rest of the pattern.
      while (p + 1 < pattern.length && pattern[p + 1] === "#") p++;
      if (p + 1 === pattern.length) return true;
      for (let skip = k; skip <= key.length; skip++) {
        if (matchWords(pattern, p + 1, key, skip)) return true;
      }
      return false;
    }
    if (k >= key.length) return false;
    if (word !== "*" && word !== key[k]) return false;
    p++;
    k++;
  }
  return k === key.length;
}
