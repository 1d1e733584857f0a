/** Writes the gradient at `x` into `gradient` and returns the objective value. */
export type Objective = (x: Float32Array, gradient: Float32Array) => number;

export interface LbfgsOptions {
  maxIterations?: number;
  /** Correction pairs kept; more means better curvature estimates and more memory. */
  memory?: number;
  /** Stops once the largest gradient component is below this. */
  gradientTolerance?: number;
  /** Called after each iteration, e.g. to drive a progress bar. */
  onIteration?: (iteration: number, value: number) => void;
}

export interface LbfgsResult {
  x: Float32Array;
  value: number;
  iterations: number;
  converged: boolean;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 30;

/** Limited-memory BFGS with a backtracking (Armijo) line search. */
export function minimizeLbfgs(objective: Objective, start: Float32Array, options: LbfgsOptions = {}): LbfgsResult {
  const maxIterations = options.maxIterations ?? 200;
  const memory = options.memory ?? 10;
  const tolerance = options.gradientTolerance ?? 1e-5;
  const n = start.length;

  let x = Float32Array.from(start);
  let gradient = new Float32Array(n);
  let value = objective(x, gradient);
  const steps: Float32Array[] = [];
  const gradientChanges: Float32Array[] = [];
  const curvatures: number[] = [];
  const direction = new Float32Array(n);
  let nextX = new Float32Array(n);
  let nextGradient = new Float32Array(n);

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(gradient) < tolerance) return { x, value, iterations: iteration, converged: true };
    twoLoopDirection(gradient, steps, gradientChanges, curvatures, direction);
    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // The curvature history no longer gives a descent direction: restart from steepest descent.
      steps.length = gradientChanges.length = curvatures.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i]!;
      slope = dot(gradient, direction);
    }
    let step = steps.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let nextValue = Infinity;
    for (let backtrack = 0; backtrack < MAX_BACKTRACKS; backtrack++) {
      for (let i = 0; i < n; i++) nextX[i] = x[i]! + step * direction[i]!;
      nextValue = objective(nextX, nextGradient);
      if (nextValue <= value + ARMIJO * step * slope) break;
      step *= 0.5;
    }
    if (!(nextValue < value)) return { x, value, iterations: iteration, converged: false };

    const s = new Float32Array(n);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = nextX[i]! - x[i]!;
      y[i] = nextGradient[i]! - gradient[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * dot(y, y)) {
      if (steps.length === memory) {
        steps.shift();
        gradientChanges.shift();
        curvatures.shift();
      }
      steps.push(s);
      gradientChanges.push(y);
      curvatures.push(sy);
    }
    [x, nextX] = [nextX, x];
    [gradient, nextGradient] = [nextGradient, gradient];
    value = nextValue;
    options.onIteration?.(iteration + 1, value);
  }
  return { x, value, iterations: maxIterations, converged: maxAbs(gradient) < tolerance };
}

/** The two-loop recursion: direction = -H * gradient with H the implicit inverse-Hessian estimate. */
function twoLoopDirection(
  gradient: Float32Array,
  steps: Float32Array[],
  gradientChanges: Float32Array[],
  curvatures: number[],
  direction: Float32Array,
): void {
  const n = gradient.length;
  for (let i = 0; i < n; i++) direction[i] = -gradient[i]!;
  const alphas = new Array<number>(steps.length);
  for (let k = steps.length - 1; k >= 0; k--) {
    const alpha = dot(steps[k]!, direction) / curvatures[k]!;
    alphas[k] = alpha;
    axpy(-alpha, gradientChanges[k]!, direction);
  }
  const last = steps.length - 1;
  if (last >= 0) {
    const y = gradientChanges[last]!;
    const scale = curvatures[last]! / dot(y, y);
    for (let i = 0; i < n; i++) direction[i] = direction[i]! * scale;
  }
  for (let k = 0; k < steps.length; k++) {
    const beta = dot(gradientChanges[k]!, direction) / curvatures[k]!;
    axpy(alphas[k]! - beta, steps[k]!, direction);
  }
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function axpy(alpha: number, x: Float32Array, y: Float32Array): void {
  for (let i = 0; i < x.length; i++) y[i] = y[i]! + alpha * x[i]!;
}

function maxAbs(values: Float32Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  return max;
}
