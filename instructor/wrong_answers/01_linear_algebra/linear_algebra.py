"""Recorded wrong answers and accepted alternatives for 01_linear_algebra/linear_algebra.ipynb (instructor-only)."""

WRONG = {
    "cosine_similarity": [
        dict(why="normalizes the rows of X but forgets to normalize the rows of Y", hidden_only=True, code='''
def cosine_similarity(X, Y):
    Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
    return Xn @ Y.T
'''),
        dict(why="takes the norms along the wrong axis (column norms instead of row norms)", hidden_only=False,
             audit="lesson", code='''
def cosine_similarity(X, Y):
    Xn = X / np.linalg.norm(X, axis=0)
    Yn = Y / np.linalg.norm(Y, axis=0)
    return Xn @ Yn.T
'''),
        dict(why="divides by the norms of the whole matrices (Frobenius) instead of per row", hidden_only=False, code='''
def cosine_similarity(X, Y):
    return (X @ Y.T) / (np.linalg.norm(X) * np.linalg.norm(Y))
'''),
        dict(why="normalizes X and Y in place (X /= norms): right values, but the caller's arrays are changed",
             hidden_only=True, audit="promise", code='''
def cosine_similarity(X, Y):
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    Y /= np.linalg.norm(Y, axis=1, keepdims=True)
    return X @ Y.T
'''),
    ],
    "projection_matrix": [
        dict(why="adds the projections onto each column separately (right only for orthogonal columns)",
             hidden_only=True, audit="lesson", code='''
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
        dict(why="uses the complete QR, whose Q spans all of R^n: returns the identity", hidden_only=False,
             audit="lesson", code='''
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
        dict(why="composes in column form, W2^T W1^T: the (M, D) weight of PyTorch's storage, not (D, M) (lesson mistake 1)",
             hidden_only=False, audit="lesson", code='''
def collapse_linear(W1, b1, W2, b2):
    return W2.T @ W1.T, W2.T @ b1 + b2
'''),
    ],
    "power_iteration": [
        dict(why="takes the eigenvalue as ||A v||, which loses the sign of a negative eigenvalue",
             hidden_only=True, audit="lesson", code='''
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
             hidden_only=True, audit=("promise", "lesson"), code='''
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
             hidden_only=True, audit="promise", code='''
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
        dict(why="takes the dominant eigenpair from np.linalg.eigh: no power iteration written (ignores num_iters and the seed)", hidden_only=True,
             audit="library", code='''
def power_iteration(A, num_iters=10_000, tol=1e-10, seed=0):
    w, Q = np.linalg.eigh(A)
    i = np.argmax(np.abs(w))
    return float(w[i]), Q[:, i]
'''),
        dict(why="starts from a uniform random vector (rng.random) instead of the pinned standard normal one", hidden_only=True,
             audit="promise", code='''
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
        dict(why="multiplies by A without normalizing and normalizes only a copy (lesson mistake 7): "
                 "|lambda_1|^t overflows to inf (then nan) in the ~560 iterations that lambda_2 / lambda_1 = 0.96 needs",
             hidden_only=True, audit=("stability", "lesson"), code='''
def power_iteration(A, num_iters=10_000, tol=1e-10, seed=0):
    x = np.random.default_rng(seed).standard_normal(A.shape[0])
    for _ in range(num_iters):
        x = A @ x
        v = x / np.linalg.norm(x)
        lam = v @ A @ v
        if np.linalg.norm(A @ v - lam * v) <= tol * abs(lam):
            break
    return float(lam), v
'''),
    ],
    "low_rank_approx": [
        dict(why="uses the columns of Vt (rows of V) instead of its rows: transposes V", hidden_only=True,
             audit="lesson", code='''
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
        dict(why="keeps the k SMALLEST singular values (thinks the SVD sorts ascending like eigh)", hidden_only=False,
             audit="lesson", code='''
def low_rank_approx(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, -k:] @ np.diag(s[-k:]) @ Vt[-k:]
'''),
        dict(why="takes eigh of A^T A and the first k eigenvectors (eigh sorts ascending)", hidden_only=False,
             audit="lesson", code='''
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
        dict(why="via the energy kept, sqrt(1 - kept / total): cancels to 0 when the dropped energy is below "
                 "one rounding of the total (s = (3, 2, 1, 1e-9, 5e-10), k = 3 gives 0 instead of 2.99e-10)",
             hidden_only=True, audit="stability", code='''
def low_rank_error(s, k):
    e = np.square(s)
    return max(0.0, 1.0 - e[:k].sum() / e.sum()) ** 0.5
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
        dict(why="forms the explicit inverse of X^T X (the lesson's common mistake 8): residual of the normal equations ~ cond(X^T X) u", hidden_only=True,
             audit=("promise", "stability", "lesson"), code='''
def fit_normal_equations(X, y):
    return np.linalg.inv(X.T @ X) @ (X.T @ y)
'''),
    ],
    "fit_qr": [
        dict(why="uses the normal equations, which lose ~16 digits at cond(X) = 1e8", hidden_only=True,
             audit=("promise", "stability", "lesson"), code='''
def fit_qr(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y)
'''),
        dict(why="forms the explicit inverse of X^T X", hidden_only=True, audit="lesson", code='''
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
        dict(why="its own classical Gram-Schmidt QR: Q loses orthogonality like cond(X)^2 u, so R w = Q^T y "
                 "is no better than the normal equations at cond(X) = 1e8 (the lesson's warning)",
             hidden_only=True, audit=("stability", "lesson"), code='''
def fit_qr(X, y):
    n, d = X.shape
    Q, R = np.zeros((n, d)), np.zeros((d, d))
    for j in range(d):
        v = X[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ X[:, j]
            v -= R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return np.linalg.solve(R, Q.T @ y)
'''),
    ],
    "r2_score": [
        dict(why="centers with the mean of the predictions instead of the mean of the targets",
             hidden_only=True, audit="lesson", code='''
def r2_score(y, y_pred):
    return float(1.0 - np.sum((y - y_pred) ** 2) / np.sum((y - np.mean(y_pred)) ** 2))
'''),
        dict(why="does not center the total sum of squares (sum of y^2)", hidden_only=False, audit="lesson", code='''
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
        dict(why="one-pass SS_tot = sum(y^2) - n mean^2 (the var = E[y^2] - E[y]^2 form): cancels about 12 digits "
                 "for targets of mean 1e6 and spread 1",
             hidden_only=True, audit="stability", code='''
def r2_score(y, y_pred):
    ss_res = np.sum((y - y_pred) ** 2)
    ss_tot = np.sum(y ** 2) - len(y) * np.mean(y) ** 2
    return float(1.0 - ss_res / ss_tot)
'''),
    ],
    "pca_fit": [
        dict(why="biased covariance (ddof=0, divides by n): the ratios are unchanged, the variances are not",
             hidden_only=True, audit=("promise", "lesson"), code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    Xc = X - mean
    C = Xc.T @ Xc / X.shape[0]
    evals, evecs = np.linalg.eigh(C)
    evals, evecs = evals[::-1], evecs[:, ::-1]
    return mean, evecs[:, :k].T, evals[:k], evals[:k] / evals.sum()
'''),
        dict(why="normalizes the ratios by the sum of the k kept eigenvalues instead of the total variance",
             hidden_only=True, audit="lesson", code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    evals, evecs = np.linalg.eigh(np.cov(X, rowvar=False))
    evals, evecs = evals[::-1][:k], evecs[:, ::-1][:, :k]
    return mean, evecs.T, evals, evals / evals.sum()
'''),
        dict(why="forgets to center the data (eigenvectors of the second-moment matrix)", hidden_only=False,
             audit="lesson", code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    C = X.T @ X / (X.shape[0] - 1)
    evals, evecs = np.linalg.eigh(C)
    evals, evecs = evals[::-1], evecs[:, ::-1]
    return mean, evecs[:, :k].T, evals[:k], evals[:k] / evals.sum()
'''),
        dict(why="keeps eigh's ascending order (smallest variance first)", hidden_only=False,
             audit=("promise", "lesson"), code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    evals, evecs = np.linalg.eigh(np.cov(X, rowvar=False))
    return mean, evecs[:, :k].T, evals[:k], evals[:k] / evals.sum()
'''),
        dict(why="takes the ROWS of the eigenvector matrix as components (eigenvectors are its columns)",
             hidden_only=True, audit="lesson", code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    evals, evecs = np.linalg.eigh(np.cov(X, rowvar=False))
    evals, evecs = evals[::-1], evecs[:, ::-1]
    return mean, evecs[:k], evals[:k], evals[:k] / evals.sum()
'''),
        dict(why="standardizes the features first (PCA of the correlation matrix)", hidden_only=False,
             audit="lesson", code='''
def pca_fit(X, k):
    mean = X.mean(axis=0)
    Xs = (X - mean) / X.std(axis=0, ddof=1)
    evals, evecs = np.linalg.eigh(Xs.T @ Xs / (X.shape[0] - 1))
    evals, evecs = evals[::-1], evecs[:, ::-1]
    return mean, evecs[:, :k].T, evals[:k], evals[:k] / evals.sum()
'''),
        dict(why="one-pass covariance (X^T X - n mean mean^T) / (n - 1): cancels about 12 digits for data "
                 "centered at 1e6 with spread ~1",
             hidden_only=True, audit="stability", code='''
def pca_fit(X, k):
    n = X.shape[0]
    mean = X.mean(axis=0)
    C = (X.T @ X - n * np.outer(mean, mean)) / (n - 1)
    evals, evecs = np.linalg.eigh(C)
    evals, evecs = evals[::-1], evecs[:, ::-1]
    return mean, evecs[:, :k].T, evals[:k], evals[:k] / evals.sum()
'''),
    ],
    "pca_project": [
        dict(why="forgets the mean in both directions (projects onto a subspace through 0)", hidden_only=True,
             audit="lesson", code='''
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
        dict(why="distributes the centering, X V^T - mean V^T: for data centered at 1e8 the two products "
                 "of size 1e8 cancel and leave errors ~ u 1e8 = 1e-8 in scores of size ~1",
             hidden_only=True, audit="stability", code='''
def pca_transform(X, mean, components):
    return X @ components.T - mean @ components.T


def pca_reconstruct(Z, mean, components):
    return Z @ components + mean
'''),
    ],
}

NOT_APPLICABLE = {
    "cosine_similarity": {
        "stability": "normalize-then-multiply and divide-after-multiply both have relative error ~ D u; no "
                     "exp/log and no subtraction of near-equal values (rows of scale 0.1 to 10 are in the hidden test)",
        "library": "NumPy, the only numeric library of the grading environment (no scipy or sklearn), has no "
                   "cosine-similarity routine; norm and @ are the intended tools",
    },
    "projection_matrix": {
        "promise": "the docstring promises only the shape (n, n) and that P x is the closest point: tested by "
                   "P^2 = P, P^T = P, P A = A, trace k, the residual orthogonal to A, and P = Q Q^T",
        "stability": "the docstring accepts A (A^T A)^-1 A^T, even the explicit inverse (a recorded alternative); "
                     "conditioning is the subject of fit_qr, and the hidden A has cond ~ 10",
        "library": "the docstring accepts any correct construction (solve, reduced QR, pinv): the exercise is "
                   "the formula A (A^T A)^-1 A^T, not a factorization",
    },
    "dense_forward": {
        "promise": "the docstring promises only out = X W + b of shape (N, M), checked row by row against "
                   "W.T @ x + b on a non-square batch",
        "stability": "one product and one addition: no exp/log, no division, no subtraction of near-equal values",
        "library": "no library routine does more than the product X @ W + b itself, which is the exercise",
        "lesson": "the only warned mistake about this layer (mistake 1, PyTorch's transposed W: X @ W.T + b) "
                  "cannot return a result on the tests' non-square W (3 x 2 visible, 4 x 3 hidden): it raises",
    },
    "collapse_linear": {
        "promise": "the docstring promises the shapes (D, M), (M,) and equality with the two layers on every X, "
                   "checked on a random 5-7-3 network and against b = W2^T b1 + b2",
        "stability": "two products and a sum of the given matrices: no exp/log, division or cancellation",
        "library": "no library routine composes affine maps; the exercise is the algebra W1 W2, b1 W2 + b2",
    },
    "low_rank_approx": {
        "promise": "the docstring promises the shape (m, n) and the k largest terms: tested by rank k, both "
                   "Eckart-Young errors and the reference U_k S_k V_k^T on three shapes",
        "stability": "np.linalg.svd is backward stable; the accepted eigh(A^T A) alternative is accurate to "
                     "u sigma_1^2 / (sigma_k^2 - sigma_(k+1)^2), small for the well-separated spectra in scope",
        "library": "the docstring says to use np.linalg.svd: the exercise is keeping the right k terms "
                   "(rows of Vt, decreasing order), not computing the SVD",
    },
    "low_rank_error": {
        "promise": "the docstring promises a float in [0, 1], 1 for k = 0, 0 for k = r and the relative error: "
                   "every k from 0 to r is checked, and full relative precision on a tiny tail",
        "library": "no library routine computes it from the singular values; np.linalg.norm of s[k:] is fine",
        "lesson": "no common mistake concerns this formula (the lesson only states it); the spectral error "
                  "sigma_(k+1) / ||s|| next to it is recorded and caught anyway",
    },
    "fit_normal_equations": {
        "library": "the docstring accepts np.linalg.solve, Cholesky, lstsq and pinv (recorded alternatives): the "
                   "exercise is the normal equations solved, not inverted, which the residual test checks",
    },
    "fit_qr": {
        "library": "the docstring allows np.linalg.qr and np.linalg.lstsq: the exercise is choosing the stable "
                   "route R w = Q^T y; writing Householder QR is step 6",
    },
    "r2_score": {
        "promise": "the docstring promises a float equal to the formula, possibly negative: four predictions "
                   "(a negative R^2 among them) and targets of mean 1e6 are checked",
        "library": "NumPy has no R^2 routine (sklearn is not in the grading environment); the formula is the exercise",
    },
    "pca_fit": {
        "library": "the docstring allows np.linalg.eigh/svd and np.cov (sklearn is not in the grading environment): "
                   "the exercise is centering, ddof, ordering, rows and the ratios, each with a recorded answer",
    },
    "pca_project": {
        "promise": "the docstrings promise only the two formulas and their shapes: checked on iris, an arbitrary "
                   "mean, k = d round trip, P^2 = P and the orthogonality of the error",
        "library": "no library routine (sklearn is not in the grading environment); the two formulas are the exercise",
    },
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
        dict(why="ratio of the norms of the dropped and of all singular values", code='''
def low_rank_error(s, k):
    return float(np.linalg.norm(s[k:]) / np.linalg.norm(s))
'''),
        dict(why="a loop summing the dropped squares, scaled by the largest singular value first", code='''
def low_rank_error(s, k):
    t = np.asarray(s, dtype=float) / s[0]
    tail = 0.0
    for x in t[k:]:
        tail += x * x
    return float(np.sqrt(tail / np.sum(t * t)))
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
