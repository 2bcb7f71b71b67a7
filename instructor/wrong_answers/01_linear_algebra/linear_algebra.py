"""Recorded wrong answers and accepted alternatives for 01_linear_algebra/linear_algebra.ipynb (instructor-only)."""

WRONG = {
    "cosine_similarity": [
        dict(why="normalizes the rows of X but forgets to normalize the rows of Y", hidden_only=True, code='''
def cosine_similarity(X, Y):
    Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
    return Xn @ Y.T
'''),
        dict(why="takes the norms along the wrong axis (column norms instead of row norms)", hidden_only=False, code='''
def cosine_similarity(X, Y):
    Xn = X / np.linalg.norm(X, axis=0)
    Yn = Y / np.linalg.norm(Y, axis=0)
    return Xn @ Yn.T
'''),
        dict(why="divides by the norms of the whole matrices (Frobenius) instead of per row", hidden_only=False, code='''
def cosine_similarity(X, Y):
    return (X @ Y.T) / (np.linalg.norm(X) * np.linalg.norm(Y))
'''),
    ],
    "projection_matrix": [
        dict(why="adds the projections onto each column separately (right only for orthogonal columns)",
             hidden_only=True, code='''
def projection_matrix(A):
    n, k = A.shape
    P = np.zeros((n, n))
    for j in range(k):
        a = A[:, j]
        P += np.outer(a, a) / (a @ a)
    return P
'''),
        dict(why="forgets the (A^T A)^-1 normalization: A A^T", hidden_only=False, code='''
def projection_matrix(A):
    return A @ A.T
'''),
        dict(why="uses the complete QR, whose Q spans all of R^n: returns the identity", hidden_only=False, code='''
def projection_matrix(A):
    Q, R = np.linalg.qr(A, mode="complete")
    return Q @ Q.T
'''),
    ],
    "dense_forward": [
        dict(why="applies a ReLU inside the dense layer (the layer has no activation)", hidden_only=True, code='''
def dense_forward(X, W, b):
    return np.maximum(X @ W + b, 0.0)
'''),
        dict(why="forgets the bias b", hidden_only=False, code='''
def dense_forward(X, W, b):
    return X @ W
'''),
        dict(why="subtracts the bias", hidden_only=False, code='''
def dense_forward(X, W, b):
    return X @ W - b
'''),
    ],
    "collapse_linear": [
        dict(why="keeps only the second bias, forgetting that b1 passes through W2", hidden_only=True, code='''
def collapse_linear(W1, b1, W2, b2):
    return W1 @ W2, b2
'''),
        dict(why="forgets the second bias b2", hidden_only=False, code='''
def collapse_linear(W1, b1, W2, b2):
    return W1 @ W2, b1 @ W2
'''),
    ],
    "power_iteration": [
        dict(why="takes the eigenvalue as ||A v||, which loses the sign of a negative eigenvalue",
             hidden_only=True, code='''
def power_iteration(A, num_iters=10_000, tol=1e-10, seed=0):
    v = np.random.default_rng(seed).standard_normal(A.shape[0])
    v /= np.linalg.norm(v)
    lam = np.linalg.norm(A @ v)
    for _ in range(num_iters):
        w = A @ v
        lam = np.linalg.norm(w)
        v = w / lam
        if np.linalg.norm(A @ v - lam * v) <= tol * lam:
            break
    return float(lam), v
'''),
        dict(why="starts from the all-ones vector, which can be orthogonal to the dominant eigenvector",
             hidden_only=True, code='''
def power_iteration(A, num_iters=10_000, tol=1e-10, seed=0):
    v = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    lam = v @ A @ v
    for _ in range(num_iters):
        w = A @ v
        v = w / np.linalg.norm(w)
        lam = v @ A @ v
        if np.linalg.norm(A @ v - lam * v) <= tol * abs(lam):
            break
    return float(lam), v
'''),
        dict(why="returns the last product A v without normalizing it", hidden_only=False, code='''
def power_iteration(A, num_iters=10_000, tol=1e-10, seed=0):
    v = np.random.default_rng(seed).standard_normal(A.shape[0])
    v /= np.linalg.norm(v)
    lam = v @ A @ v
    for _ in range(num_iters):
        w = A @ v
        lam = v @ w
        if np.linalg.norm(w - lam * v) <= tol * abs(lam):
            break
        v = w / np.linalg.norm(w)
    return float(lam), A @ v
'''),
        dict(why="hard-codes 50 iterations (ignores num_iters and tol): too few when |lambda_2 / lambda_1| is near 1",
             hidden_only=True, code='''
def power_iteration(A, num_iters=10_000, tol=1e-10, seed=0):
    v = np.random.default_rng(seed).standard_normal(A.shape[0])
    v /= np.linalg.norm(v)
    for _ in range(50):
        w = A @ v
        w /= np.linalg.norm(w)
        if np.linalg.norm(w - v) < tol:
            v = w
            break
        v = w
    return float(v @ A @ v), v
'''),
        dict(why="takes the dominant eigenpair from np.linalg.eigh: no power iteration written (ignores num_iters and the seed)", hidden_only=True, code='''
def power_iteration(A, num_iters=10_000, tol=1e-10, seed=0):
    w, Q = np.linalg.eigh(A)
    i = np.argmax(np.abs(w))
    return float(w[i]), Q[:, i]
'''),
        dict(why="starts from a uniform random vector (rng.random) instead of the pinned standard normal one", hidden_only=True, code='''
def power_iteration(A, num_iters=10_000, tol=1e-10, seed=0):
    v = np.random.default_rng(seed).random(A.shape[0])
    v /= np.linalg.norm(v)
    lam = v @ A @ v
    for _ in range(num_iters):
        w = A @ v
        v = w / np.linalg.norm(w)
        lam = v @ A @ v
        if np.linalg.norm(A @ v - lam * v) <= tol * abs(lam):
            break
    return float(lam), v
'''),
    ],
    "low_rank_approx": [
        dict(why="uses the columns of Vt (rows of V) instead of its rows: transposes V", hidden_only=True, code='''
def low_rank_approx(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    V = Vt.T
    return U[:, :k] @ np.diag(s[:k]) @ V[:k]
'''),
        dict(why="forgets the singular values: U_k V_k^T", hidden_only=False, code='''
def low_rank_approx(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, :k] @ Vt[:k]
'''),
        dict(why="keeps the k SMALLEST singular values (thinks the SVD sorts ascending like eigh)", hidden_only=False, code='''
def low_rank_approx(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, -k:] @ np.diag(s[-k:]) @ Vt[-k:]
'''),
        dict(why="takes eigh of A^T A and the first k eigenvectors (eigh sorts ascending)", hidden_only=False, code='''
def low_rank_approx(A, k):
    w, V = np.linalg.eigh(A.T @ A)
    Vk = V[:, :k]
    return A @ Vk @ Vk.T
'''),
    ],
    "low_rank_error": [
        dict(why="returns the spectral-norm error sigma_(k+1) / ||s|| instead of the Frobenius error",
             hidden_only=True, code='''
def low_rank_error(s, k):
    if k >= len(s):
        return 0.0
    return float(s[k] / np.sqrt(np.sum(s ** 2)))
'''),
        dict(why="forgets to square the singular values", hidden_only=False, code='''
def low_rank_error(s, k):
    return float(np.sqrt(np.sum(s[k:]) / np.sum(s)))
'''),
        dict(why="off by one: drops sigma_(k+1) from the error", hidden_only=False, code='''
def low_rank_error(s, k):
    return float(np.sqrt(np.sum(s[k + 1:] ** 2) / np.sum(s ** 2)))
'''),
        dict(why="returns the absolute error ||A - A_k||_F instead of the relative error", hidden_only=False, code='''
def low_rank_error(s, k):
    return float(np.sqrt(np.sum(s[k:] ** 2)))
'''),
    ],
    "fit_normal_equations": [
        dict(why="regresses on each column separately (x_j . y / x_j . x_j): right only for orthogonal columns",
             hidden_only=True, code='''
def fit_normal_equations(X, y):
    return (X.T @ y) / np.sum(X * X, axis=0)
'''),
        dict(why="solves the square system of the first d rows (interpolation, not least squares)",
             hidden_only=True, code='''
def fit_normal_equations(X, y):
    d = X.shape[1]
    return np.linalg.solve(X[:d], y[:d])
'''),
        dict(why="adds a ridge penalty out of habit: solves (X^T X + I) w = X^T y", hidden_only=False, code='''
def fit_normal_equations(X, y):
    return np.linalg.solve(X.T @ X + np.eye(X.shape[1]), X.T @ y)
'''),
        dict(why="forms the explicit inverse of X^T X (the lesson's common mistake 8): residual of the normal equations ~ cond(X^T X) u", hidden_only=True, code='''
def fit_normal_equations(X, y):
    return np.linalg.inv(X.T @ X) @ (X.T @ y)
'''),
    ],
    "fit_qr": [
        dict(why="uses the normal equations, which lose ~16 digits at cond(X) = 1e8", hidden_only=True, code='''
def fit_qr(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y)
'''),
        dict(why="forms the explicit inverse of X^T X", hidden_only=True, code='''
def fit_qr(X, y):
    return np.linalg.inv(X.T @ X) @ X.T @ y
'''),
        dict(why="solves with R^T instead of R", hidden_only=False, code='''
def fit_qr(X, y):
    Q, R = np.linalg.qr(X)
    return np.linalg.solve(R.T, Q.T @ y)
'''),
        dict(why="back substitution run from the top row down (forward substitution on an upper triangle)",
             hidden_only=False, code='''
def fit_qr(X, y):
    Q, R = np.linalg.qr(X)
    b = Q.T @ y
    d = R.shape[0]
    w = np.zeros(d)
    for i in range(d):
        w[i] = (b[i] - R[i, :i] @ w[:i]) / R[i, i]
    return w
'''),
    ],
    "r2_score": [
        dict(why="centers with the mean of the predictions instead of the mean of the targets",
             hidden_only=True, code='''
def r2_score(y, y_pred):
    return float(1.0 - np.sum((y - y_pred) ** 2) / np.sum((y - np.mean(y_pred)) ** 2))
'''),
        dict(why="does not center the total sum of squares (sum of y^2)", hidden_only=False, code='''
def r2_score(y, y_pred):
    return float(1.0 - np.sum((y - y_pred) ** 2) / np.sum(y ** 2))
'''),
        dict(why="returns the fraction of unexplained variance SS_res / SS_tot (forgets 1 -)", hidden_only=False, code='''
def r2_score(y, y_pred):
    return float(np.sum((y - y_pred) ** 2) / np.sum((y - np.mean(y)) ** 2))
'''),
        dict(why="squared correlation of y and y_pred (equals R^2 only for least-squares fits with intercept)",
             hidden_only=False, code='''
def r2_score(y, y_pred):
    if np.std(y_pred) == 0:
        return 0.0
    return float(np.corrcoef(y, y_pred)[0, 1] ** 2)
'''),
    ],
    "pca_fit": [
        dict(why="biased covariance (ddof=0, divides by n): the ratios are unchanged, the variances are not",
             hidden_only=True, code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    Xc = X - mean
    C = Xc.T @ Xc / X.shape[0]
    evals, evecs = np.linalg.eigh(C)
    evals, evecs = evals[::-1], evecs[:, ::-1]
    return mean, evecs[:, :k].T, evals[:k], evals[:k] / evals.sum()
'''),
        dict(why="normalizes the ratios by the sum of the k kept eigenvalues instead of the total variance",
             hidden_only=True, code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    evals, evecs = np.linalg.eigh(np.cov(X, rowvar=False))
    evals, evecs = evals[::-1][:k], evecs[:, ::-1][:, :k]
    return mean, evecs.T, evals, evals / evals.sum()
'''),
        dict(why="forgets to center the data (eigenvectors of the second-moment matrix)", hidden_only=False, code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    C = X.T @ X / (X.shape[0] - 1)
    evals, evecs = np.linalg.eigh(C)
    evals, evecs = evals[::-1], evecs[:, ::-1]
    return mean, evecs[:, :k].T, evals[:k], evals[:k] / evals.sum()
'''),
        dict(why="keeps eigh's ascending order (smallest variance first)", hidden_only=False, code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    evals, evecs = np.linalg.eigh(np.cov(X, rowvar=False))
    return mean, evecs[:, :k].T, evals[:k], evals[:k] / evals.sum()
'''),
        dict(why="takes the ROWS of the eigenvector matrix as components (eigenvectors are its columns)",
             hidden_only=True, code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    evals, evecs = np.linalg.eigh(np.cov(X, rowvar=False))
    evals, evecs = evals[::-1], evecs[:, ::-1]
    return mean, evecs[:k], evals[:k], evals[:k] / evals.sum()
'''),
        dict(why="standardizes the features first (PCA of the correlation matrix)", hidden_only=False, code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    Xs = (X - mean) / X.std(axis=0, ddof=1)
    evals, evecs = np.linalg.eigh(Xs.T @ Xs / (X.shape[0] - 1))
    evals, evecs = evals[::-1], evecs[:, ::-1]
    return mean, evecs[:, :k].T, evals[:k], evals[:k] / evals.sum()
'''),
    ],
    "pca_project": [
        dict(why="forgets the mean in both directions (projects onto a subspace through 0)", hidden_only=True, code='''
def pca_transform(X, mean, components):
    return X @ components.T


def pca_reconstruct(Z, mean, components):
    return Z @ components
'''),
        dict(why="forgets to add the mean back in the reconstruction", hidden_only=False, code='''
def pca_transform(X, mean, components):
    return (X - mean) @ components.T


def pca_reconstruct(Z, mean, components):
    return Z @ components
'''),
        dict(why="centers in the transform but adds the mean back twice", hidden_only=False, code='''
def pca_transform(X, mean, components):
    return (X - mean) @ components.T


def pca_reconstruct(Z, mean, components):
    return Z @ components + 2 * mean
'''),
    ],
}

ALTERNATIVES = {
    "cosine_similarity": [
        dict(why="dot products first, then divide by the outer product of the row norms", code='''
def cosine_similarity(X, Y):
    nx = np.sqrt(np.sum(X ** 2, axis=1))
    ny = np.sqrt(np.sum(Y ** 2, axis=1))
    return (X @ Y.T) / np.outer(nx, ny)
'''),
        dict(why="einsum", code='''
def cosine_similarity(X, Y):
    dots = np.einsum("nd,md->nm", X, Y)
    return dots / (np.linalg.norm(X, axis=1)[:, None] * np.linalg.norm(Y, axis=1)[None, :])
'''),
    ],
    "projection_matrix": [
        dict(why="reduced QR: P = Q Q^T", code='''
def projection_matrix(A):
    Q, _ = np.linalg.qr(A)
    return Q @ Q.T
'''),
        dict(why="explicit inverse of A^T A", code='''
def projection_matrix(A):
    return A @ np.linalg.inv(A.T @ A) @ A.T
'''),
        dict(why="Gram-Schmidt by hand, then sum of outer products of the orthonormal basis", code='''
def projection_matrix(A):
    basis = []
    for a in A.T:
        v = a.astype(float).copy()
        for q in basis:
            v -= (q @ v) * q
        for q in basis:
            v -= (q @ v) * q
        basis.append(v / np.linalg.norm(v))
    Q = np.column_stack(basis)
    return Q @ Q.T
'''),
    ],
    "dense_forward": [
        dict(why="einsum plus broadcast bias", code='''
def dense_forward(X, W, b):
    return np.einsum("nd,dm->nm", X, W) + b[None, :]
'''),
        dict(why="PyTorch form with the transposed weight", code='''
def dense_forward(X, W, b):
    Wt = W.T
    return X @ Wt.T + b
'''),
    ],
    "collapse_linear": [
        dict(why="reads the layer off by probing: b = f(0), W = f(I) - f(0)", code='''
def collapse_linear(W1, b1, W2, b2):
    D = W1.shape[0]
    f = lambda X: (X @ W1 + b1) @ W2 + b2
    b = f(np.zeros((1, D)))[0]
    W = f(np.eye(D)) - b
    return W, b
'''),
        dict(why="column form: b = W2^T b1 + b2", code='''
def collapse_linear(W1, b1, W2, b2):
    return np.dot(W1, W2), W2.T @ b1 + b2
'''),
    ],
    "power_iteration": [
        dict(why="returns the eigenvector with the opposite sign", code='''
def power_iteration(A, num_iters=10_000, tol=1e-10, seed=0):
    v = np.random.default_rng(seed).standard_normal(A.shape[0])
    v /= np.linalg.norm(v)
    lam = v @ A @ v
    for _ in range(num_iters):
        w = A @ v
        v = w / np.linalg.norm(w)
        lam = v @ A @ v
        if np.linalg.norm(A @ v - lam * v) <= tol * abs(lam):
            break
    return float(lam), -v
'''),
        dict(why="runs all num_iters iterations without an early stop", code='''
def power_iteration(A, num_iters=10_000, tol=1e-10, seed=0):
    rng = np.random.default_rng(seed)
    v = rng.standard_normal(A.shape[0])
    for _ in range(num_iters):
        v = A @ v
        v = v / np.linalg.norm(v)
    return v @ A @ v, v
'''),
        dict(why="fixes the sign so that the largest-magnitude entry is positive", code='''
def power_iteration(A, num_iters=10_000, tol=1e-10, seed=0):
    v = np.random.default_rng(seed).standard_normal(A.shape[0])
    v /= np.linalg.norm(v)
    for _ in range(num_iters):
        w = A @ v
        v = w / np.linalg.norm(w)
        lam = v @ A @ v
        if np.linalg.norm(A @ v - lam * v) <= tol * abs(lam):
            break
    v = v * np.sign(v[np.argmax(np.abs(v))])
    return float(v @ A @ v), v
'''),
    ],
    "low_rank_approx": [
        dict(why="sum of k rank-one terms sigma_i u_i v_i^T", code='''
def low_rank_approx(A, k):
    U, s, Vt = np.linalg.svd(A)
    Ak = np.zeros(A.shape)
    for i in range(k):
        Ak += s[i] * np.outer(U[:, i], Vt[i])
    return Ak
'''),
        dict(why="projects onto the top-k right singular vectors from eigh(A^T A) (sorted descending)", code='''
def low_rank_approx(A, k):
    w, V = np.linalg.eigh(A.T @ A)
    Vk = V[:, ::-1][:, :k]
    return A @ Vk @ Vk.T
'''),
    ],
    "low_rank_error": [
        dict(why="via the energy kept: sqrt(1 - kept / total)", code='''
def low_rank_error(s, k):
    e = np.square(s)
    return max(0.0, 1.0 - e[:k].sum() / e.sum()) ** 0.5
'''),
    ],
    "fit_normal_equations": [
        dict(why="np.linalg.lstsq", code='''
def fit_normal_equations(X, y):
    return np.linalg.lstsq(X, y, rcond=None)[0]
'''),
        dict(why="Cholesky factorization of X^T X and two triangular solves", code='''
def fit_normal_equations(X, y):
    L = np.linalg.cholesky(X.T @ X)
    z = np.linalg.solve(L, X.T @ y)
    return np.linalg.solve(L.T, z)
'''),
        dict(why="pseudo-inverse of X (SVD based)", code='''
def fit_normal_equations(X, y):
    return np.linalg.pinv(X) @ y
'''),
    ],
    "fit_qr": [
        dict(why="np.linalg.lstsq (SVD-based)", code='''
def fit_qr(X, y):
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return w
'''),
        dict(why="hand-written back substitution", code='''
def fit_qr(X, y):
    Q, R = np.linalg.qr(X)
    b = Q.T @ y
    d = R.shape[0]
    w = np.zeros(d)
    for i in range(d - 1, -1, -1):
        w[i] = (b[i] - R[i, i + 1:] @ w[i + 1:]) / R[i, i]
    return w
'''),
        dict(why="pseudo-inverse via the SVD", code='''
def fit_qr(X, y):
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt.T @ ((U.T @ y) / s)
'''),
    ],
    "r2_score": [
        dict(why="via the variances (ddof cancels)", code='''
def r2_score(y, y_pred):
    return 1 - np.mean((y - y_pred) ** 2) / np.var(y)
'''),
    ],
    "pca_fit": [
        dict(why="SVD of the centered data, variances s^2 / (n - 1)", code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    U, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    var = s ** 2 / (X.shape[0] - 1)
    return mean, Vt[:k], var[:k], var[:k] / var.sum()
'''),
        dict(why="eigh of np.cov with every component's sign flipped", code='''
def pca_fit(X, k):
    evals, evecs = np.linalg.eigh(np.cov(X.T))
    idx = np.argsort(-evals)
    evals, evecs = evals[idx], evecs[:, idx]
    return X.mean(0), -evecs[:, :k].T, evals[:k], evals[:k] / np.trace(np.cov(X.T))
'''),
    ],
    "pca_project": [
        dict(why="einsum forms", code='''
def pca_transform(X, mean, components):
    return np.einsum("nd,kd->nk", X - mean[None, :], components)


def pca_reconstruct(Z, mean, components):
    return mean[None, :] + np.einsum("nk,kd->nd", Z, components)
'''),
    ],
}
