// The Luhn (mod 10) key used by SIREN and SIRET numbers.

/** True when a string of ASCII digits has a valid Luhn key (its last digit). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** luhnValid of `text[start, end)`, ASCII digits, read in place. */
export function luhnValidAt(text: string, start: number, end: number): boolean {
  let sum = 0;
  for (let i = 0; i < end - start; i++) {
    let d = text.charCodeAt(end - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
