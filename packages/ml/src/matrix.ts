/** A sparse vector: parallel arrays of column indices and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Rows of sparse vectors in compressed-sparse-row form, for training. */
export interface SparseMatrix {
  rows: number;
  columns: number;
  /** Row r occupies entries rowStart[r] .. rowStart[r + 1] - 1. */
  rowStart: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function toSparseMatrix(vectors: readonly SparseVector[], columns: number): SparseMatrix {
  const rowStart = new Int32Array(vectors.length + 1);
  for (let r = 0; r < vectors.length; r++) rowStart[r + 1] = rowStart[r]! + vectors[r]!.indices.length;
  const indices = new Int32Array(rowStart[vectors.length]!);
  const values = new Float32Array(indices.length);
  vectors.forEach((vector, r) => {
    indices.set(vector.indices, rowStart[r]);
    values.set(vector.values, rowStart[r]);
  });
  return { rows: vectors.length, columns, rowStart, indices, values };
}

export function l2Normalize(values: Float32Array | Float64Array | number[]): void {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  if (sum === 0) return;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < values.length; i++) values[i] = values[i]! * scale;
}

/** Dense rows, row-major. */
export interface DenseMatrix {
  rows: number;
  columns: number;
  data: Float32Array;
}

export function toDenseMatrix(vectors: readonly ArrayLike<number>[], columns: number): DenseMatrix {
  const data = new Float32Array(vectors.length * columns);
  vectors.forEach((vector, r) => {
    if (vector.length !== columns) throw new Error(`row ${r} has ${vector.length} values, expected ${columns}`);
    for (let j = 0; j < columns; j++) data[r * columns + j] = vector[j]!;
  });
  return { rows: vectors.length, columns, data };
}

/** The given rows of a matrix, in the given order. */
export function selectRows<M extends SparseMatrix | DenseMatrix>(matrix: M, rows: readonly number[]): M;
export function selectRows(matrix: SparseMatrix | DenseMatrix, rows: readonly number[]): SparseMatrix | DenseMatrix {
  if (!('rowStart' in matrix)) {
    const data = new Float32Array(rows.length * matrix.columns);
    rows.forEach((row, r) => {
      data.set(matrix.data.subarray(row * matrix.columns, (row + 1) * matrix.columns), r * matrix.columns);
    });
    return { rows: rows.length, columns: matrix.columns, data };
  }
  return toSparseMatrix(
    rows.map((row) => sparseRow(matrix, row)),
    matrix.columns,
  );
}

export function sparseRow(matrix: SparseMatrix, row: number): SparseVector {
  const start = matrix.rowStart[row]!;
  const end = matrix.rowStart[row + 1]!;
  return { indices: matrix.indices.subarray(start, end), values: matrix.values.subarray(start, end) };
}

export function denseRow(matrix: DenseMatrix, row: number): Float32Array {
  return matrix.data.subarray(row * matrix.columns, (row + 1) * matrix.columns);
}
