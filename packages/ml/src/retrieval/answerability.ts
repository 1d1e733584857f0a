/** P(answerable | score) = 1 / (1 + exp(-(slope * score + intercept))). */
export interface AnswerabilityModel {
  slope: number;
  intercept: number;
}

const RIDGE = 1e-3;

/**
 * Logistic regression of "the knowledge base answers this query" on the top hit's evidence score
 * (see `evidenceScore`), by Newton's method. A small ridge keeps it finite when the classes separate.
 */
export function fitAnswerability(samples: readonly { score: number; answerable: boolean }[]): AnswerabilityModel {
  const positives = samples.filter((s) => s.answerable).length;
  if (positives === 0 || positives === samples.length) {
    throw new Error('fitting answerability needs both answerable and unanswerable queries');
  }
  let slope = 0;
  let intercept = Math.log(positives / (samples.length - positives));
  for (let iteration = 0; iteration < 100; iteration++) {
    // Gradient and Hessian of the mean log-loss plus RIDGE/2 * slope^2.
    let gSlope = RIDGE * slope;
    let gIntercept = 0;
    let hSS = RIDGE;
    let hSI = 0;
    let hII = 0;
    for (const { score, answerable } of samples) {
      const p = sigmoid(slope * score + intercept);
      const residual = (p - (answerable ? 1 : 0)) / samples.length;
      const weight = (p * (1 - p)) / samples.length;
      gSlope += residual * score;
      gIntercept += residual;
      hSS += weight * score * score;
      hSI += weight * score;
      hII += weight;
    }
    const det = hSS * hII - hSI * hSI;
    if (!(det > 0)) break;
    const stepSlope = (hII * gSlope - hSI * gIntercept) / det;
    const stepIntercept = (hSS * gIntercept - hSI * gSlope) / det;
    slope -= stepSlope;
    intercept -= stepIntercept;
    if (Math.abs(stepSlope) + Math.abs(stepIntercept) < 1e-10) break;
  }
  return { slope, intercept };
}

export function answerableProbability(model: AnswerabilityModel, score: number): number {
  return sigmoid(model.slope * score + model.intercept);
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
