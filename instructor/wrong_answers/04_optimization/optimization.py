"""Recorded wrong answers and accepted alternatives for 04_optimization/optimization.ipynb (instructor-only)."""

_HESSIAN_OK = '''
def numerical_hessian(f, x, h=1e-4):
    x = np.asarray(x, dtype=np.float64)
    d = x.shape[0]
    E = np.eye(d) * h
    H = np.empty((d, d))
    for i in range(d):
        for j in range(d):
            H[i, j] = (f(x + E[i] + E[j]) - f(x + E[i] - E[j]) - f(x - E[i] + E[j]) + f(x - E[i] - E[j])) / (4 * h * h)
    return (H + H.T) / 2
'''

_PSD_OK = '''
def is_psd(H, tol=1e-8):
    return bool(np.all(np.linalg.eigvalsh(H) >= -tol))
'''

_GD_OK = '''
def gd_quadratic(A, b, x0, lr, n_steps):
    x_star = np.linalg.solve(A, b)
    x = x0.copy()
    gaps = [0.5 * (x - x_star) @ A @ (x - x_star)]
    for _ in range(n_steps):
        x = x - lr * (A @ x - b)
        gaps.append(0.5 * (x - x_star) @ A @ (x - x_star))
    return np.array(gaps)
'''

_SMOOTH_OK = '''
def smoothness_constants(A):
    ev = np.linalg.eigvalsh(A)
    return float(np.abs(ev).max()), float(ev.min())
'''

_SGD_OK = '''
def sgd_step(p, g, lr=0.01):
    return p - lr * g
'''

_SOFT_OK = '''
def soft_threshold(z, tau):
    return np.sign(z) * np.maximum(np.abs(z) - tau, 0.0)
'''

_GD_ERR_OK = '''
def gd_errors(A, b, x0, lr, n_steps):
    x_star = np.linalg.solve(A, b)
    x = x0.astype(float)
    errs = [np.linalg.norm(x - x_star)]
    for _ in range(n_steps):
        x = x - lr * (A @ x - b)
        errs.append(np.linalg.norm(x - x_star))
    return np.array(errs)
'''

_HB_OK = '''
def heavy_ball_errors(A, b, x0, lr, beta, n_steps):
    x_star = np.linalg.solve(A, b)
    x = x0.astype(float)
    x_prev = x.copy()
    errs = [np.linalg.norm(x - x_star)]
    for _ in range(n_steps):
        x_new = x - lr * (A @ x - b) + beta * (x - x_prev)
        x_prev, x = x, x_new
        errs.append(np.linalg.norm(x - x_star))
    return np.array(errs)
'''

_ITERS_OK = '''
def iterations_to_tol(errors, tol):
    for k, e in enumerate(errors):
        if e <= tol * errors[0]:
            return k
    return -1
'''

_ROSEN_HESS_OK = '''
def rosenbrock_hessian(p, a=1.0, b=100.0):
    x, y = p
    return np.array([[2 - 4 * b * y + 12 * b * x ** 2, -4 * b * x], [-4 * b * x, 2 * b]])
'''

_ROSEN_OK = '''
def rosenbrock(p, a=1.0, b=100.0):
    x, y = p
    f = (a - x) ** 2 + b * (y - x ** 2) ** 2
    return f, np.array([-2 * (a - x) - 4 * b * x * (y - x ** 2), 2 * b * (y - x ** 2)])
'''

_MB_IDX_OK = '''
def minibatch_indices(n, batch_size, rng):
    perm = rng.permutation(n)
    return [perm[k:k + batch_size] for k in range(0, n, batch_size)]
'''

_MB_GRAD_OK = '''
def minibatch_grad(X, y, w, idx):
    Xb = X[idx]
    return Xb.T @ (Xb @ w - y[idx]) / len(idx)
'''

_SGD_RUN_HEAD = '''
def sgd_least_squares(X, y, w0, lr, batch_size, n_epochs, rng):
    n = X.shape[0]
    w = np.array(w0, dtype=float)
    ws = [w]
'''

_RATE_HEAD = '''
def fit_linear_rate(errors, k0, k1):
'''

WRONG = {
    "hessian": [
        dict(audit="promise", why="is_psd with the tolerance hard-coded to 1e-8 (the tol argument ignored): is_psd(H, tol=1e-5) rejects eigenvalue -1e-6",
             hidden_only=True, code=_HESSIAN_OK + '''
def is_psd(H, tol=1e-8):
    return bool(np.linalg.eigvalsh(H).min() >= -1e-8)
'''),
        dict(audit="stability", why="eigenvalues >= 0 exactly (no tolerance): the round-off eigenvalue -1e-12 of a singular PSD matrix makes it 'not PSD'",
             hidden_only=True, code=_HESSIAN_OK + '''
def is_psd(H, tol=1e-8):
    return bool(np.all(np.linalg.eigvalsh(H) >= 0))
'''),
        dict(audit='lesson', why="one-sided (forward) differences: only O(h) accurate, exact on quadratics only", hidden_only=True, code='''
def numerical_hessian(f, x, h=1e-4):
    d = len(x)
    H = np.zeros((d, d))
    f0 = f(x)
    for i in range(d):
        for j in range(d):
            ei = np.zeros(d); ei[i] = h
            ej = np.zeros(d); ej[j] = h
            H[i, j] = (f(x + ei + ej) - f(x + ei) - f(x + ej) + f0) / h ** 2
    return H
''' + _PSD_OK),
        dict(why="PSD tested by strictly positive eigenvalues: rejects singular PSD matrices", hidden_only=True, code=_HESSIAN_OK + '''
def is_psd(H, tol=1e-8):
    return bool(np.all(np.linalg.eigvals(H) > 0))
'''),
        dict(audit='lesson', why="PSD tested by a non-negative determinant (the 2x2 intuition): accepts -I", hidden_only=True, code=_HESSIAN_OK + '''
def is_psd(H, tol=1e-8):
    return bool(np.linalg.det(H) >= -tol)
'''),
        dict(audit='lesson', why="Sylvester's criterion on the leading principal minors >= -tol (definiteness only): accepts diag(0, -1)",
             hidden_only=True, code=_HESSIAN_OK + '''
def is_psd(H, tol=1e-8):
    return bool(all(np.linalg.det(H[:k, :k]) >= -tol for k in range(1, len(H) + 1)))
'''),
        dict(why="PSD tested by the diagonal entries (the 'positive diagonal' intuition)", hidden_only=True, code=_HESSIAN_OK + '''
def is_psd(H, tol=1e-8):
    return bool(np.all(np.diag(H) >= -tol) and np.linalg.det(H) >= -tol)
'''),
        dict(audit='lesson', why="PSD tested by non-negative entries", hidden_only=False, code=_HESSIAN_OK + '''
def is_psd(H, tol=1e-8):
    return bool(np.all(H >= -tol))
'''),
        dict(why="divides by h^2 instead of 4 h^2 in the central formula", hidden_only=False, code='''
def numerical_hessian(f, x, h=1e-4):
    d = len(x)
    E = np.eye(d) * h
    H = np.zeros((d, d))
    for i in range(d):
        for j in range(d):
            H[i, j] = (f(x + E[i] + E[j]) - f(x + E[i] - E[j]) - f(x - E[i] + E[j]) + f(x - E[i] - E[j])) / h ** 2
    return H
''' + _PSD_OK),
    ],
    "gd_quadratic": [
        dict(audit="promise", why="mu returned as the 1-element array ev[:1], not a Python float (the visible np.isclose accepts it)",
             hidden_only=True, code='''
def smoothness_constants(A):
    ev = np.linalg.eigvalsh(A)
    return float(np.abs(ev).max()), ev[:1]
''' + _GD_OK),
        dict(audit='lesson', why="L = lambda_max(A) also for indefinite A (diag(-5, 1) is 5-smooth, not 1-smooth)", hidden_only=True, code='''
def smoothness_constants(A):
    ev = np.linalg.eigvalsh(A)
    return float(ev[-1]), float(ev[0])
''' + _GD_OK),
        dict(audit="lesson", why="mu = min |lambda_i| (the sign dropped): an indefinite A looks strongly convex", hidden_only=True, code='''
def smoothness_constants(A):
    ev = np.abs(np.linalg.eigvalsh(A))
    return float(ev.max()), float(ev.min())
''' + _GD_OK),
        dict(audit="lesson", why="L and mu from the diagonal of A (right only for diagonal matrices)", hidden_only=False, code='''
def smoothness_constants(A):
    return float(np.max(np.diag(A))), float(np.min(np.diag(A)))
''' + _GD_OK),
        dict(why="L and mu from singular values: mu = |smallest eigenvalue| loses the sign", hidden_only=True, code='''
def smoothness_constants(A):
    s = np.linalg.svd(A, compute_uv=False)
    return float(s[0]), float(s[-1])
''' + _GD_OK),
        dict(audit='lesson', why="L as the Frobenius norm of A", hidden_only=False, code='''
def smoothness_constants(A):
    return float(np.linalg.norm(A)), float(np.linalg.eigvalsh(A).min())
''' + _GD_OK),
        dict(audit=('promise', 'lesson'), why="updates x0 in place (x = x0; x -= ...): the caller's starting point changes", hidden_only=False, code=_SMOOTH_OK + '''
def gd_quadratic(A, b, x0, lr, n_steps):
    x_star = np.linalg.solve(A, b)
    x = x0
    gaps = [0.5 * (x - x_star) @ A @ (x - x_star)]
    for _ in range(n_steps):
        x -= lr * (A @ x - b)
        gaps.append(0.5 * (x - x_star) @ A @ (x - x_star))
    return np.array(gaps)
'''),
        dict(why="records f(x_k) instead of the gap f(x_k) - f(x*)", hidden_only=False, code=_SMOOTH_OK + '''
def gd_quadratic(A, b, x0, lr, n_steps):
    x = x0.copy()
    out = [0.5 * x @ A @ x - b @ x]
    for _ in range(n_steps):
        x = x - lr * (A @ x - b)
        out.append(0.5 * x @ A @ x - b @ x)
    return np.array(out)
'''),
        dict(why="gap measured as 1/2 ||x - x*||^2 (forgets A)", hidden_only=False, code=_SMOOTH_OK + '''
def gd_quadratic(A, b, x0, lr, n_steps):
    x_star = np.linalg.solve(A, b)
    x = x0.copy()
    out = [0.5 * np.sum((x - x_star) ** 2)]
    for _ in range(n_steps):
        x = x - lr * (A @ x - b)
        out.append(0.5 * np.sum((x - x_star) ** 2))
    return np.array(out)
'''),
    ],
    "sgd_momentum": [
        dict(why="updates the velocity but steps with the raw gradient", hidden_only=True, code=_SGD_OK + '''
def momentum_step(p, g, v, lr=0.01, mu=0.9):
    v = mu * v + g
    return p - lr * g, v
'''),
        dict(audit=('promise', 'lesson'), why="updates p and v in place (p -= ..., v *= ...): the caller's arrays change", hidden_only=True, code='''
def sgd_step(p, g, lr=0.01):
    p -= lr * g
    return p

def momentum_step(p, g, v, lr=0.01, mu=0.9):
    v *= mu
    v += g
    p -= lr * v
    return p, v
'''),
        dict(audit='lesson', why="dampened (EMA) velocity v = mu v + (1 - mu) g instead of PyTorch's", hidden_only=False, code=_SGD_OK + '''
def momentum_step(p, g, v, lr=0.01, mu=0.9):
    v = mu * v + (1 - mu) * g
    return p - lr * v, v
'''),
        dict(audit='lesson', why="Sutskever's velocity v = mu v - lr g stored instead of PyTorch's", hidden_only=False, code=_SGD_OK + '''
def momentum_step(p, g, v, lr=0.01, mu=0.9):
    v = mu * v - lr * g
    return p + v, v
'''),
        dict(why="steps with the old velocity before updating it", hidden_only=False, code=_SGD_OK + '''
def momentum_step(p, g, v, lr=0.01, mu=0.9):
    p_new = p - lr * v
    return p_new, mu * v + g
'''),
    ],
    "nesterov": [
        dict(audit=('promise', 'lesson'), why="updates v and p in place (v *= mu; v += g; p -= ...): the caller's arrays change", hidden_only=True, code='''
def nesterov_step(p, g, v, lr=0.01, mu=0.9):
    v *= mu
    v += g
    p -= lr * (g + mu * v)
    return p, v
'''),
        dict(why="swaps the roles of g and v in the look-ahead: p - lr (v + mu g)", hidden_only=True, code='''
def nesterov_step(p, g, v, lr=0.01, mu=0.9):
    v = mu * v + g
    return p - lr * (v + mu * g), v
'''),
        dict(why="plain heavy-ball momentum (no look-ahead)", hidden_only=False, code='''
def nesterov_step(p, g, v, lr=0.01, mu=0.9):
    v = mu * v + g
    return p - lr * v, v
'''),
        dict(audit='lesson', why="look-ahead with the OLD velocity", hidden_only=False, code='''
def nesterov_step(p, g, v, lr=0.01, mu=0.9):
    v_new = mu * v + g
    return p - lr * (g + mu * v), v_new
'''),
    ],
    "rmsprop": [
        dict(audit="stability", why="eps dropped, p - lr g / sqrt(s): a coordinate whose gradient has always been 0 gives 0/0 = nan",
             hidden_only=True, code='''
def rmsprop_step(p, g, s, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * s + (1 - alpha) * g ** 2
    return p - lr * g / np.sqrt(s), s
'''),
        dict(audit=('promise', 'lesson'), why="updates s in place (s *= alpha; s += ...): the caller's state changes", hidden_only=True, code='''
def rmsprop_step(p, g, s, lr=0.01, alpha=0.99, eps=1e-8):
    s *= alpha
    s += (1 - alpha) * g ** 2
    return p - lr * g / (np.sqrt(s) + eps), s
'''),
        dict(audit='lesson', why="eps inside the square root (TensorFlow/Keras-style), not PyTorch's", hidden_only=True, code='''
def rmsprop_step(p, g, s, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * s + (1 - alpha) * g ** 2
    return p - lr * g / np.sqrt(s + eps), s
'''),
        dict(why="alpha and 1 - alpha swapped", hidden_only=False, code='''
def rmsprop_step(p, g, s, lr=0.01, alpha=0.99, eps=1e-8):
    s = (1 - alpha) * s + alpha * g ** 2
    return p - lr * g / (np.sqrt(s) + eps), s
'''),
        dict(why="accumulates g^2 without decay (Adagrad)", hidden_only=False, code='''
def rmsprop_step(p, g, s, lr=0.01, alpha=0.99, eps=1e-8):
    s = s + g ** 2
    return p - lr * g / (np.sqrt(s) + eps), s
'''),
    ],
    "adam": [
        dict(audit="stability", why="eps dropped, m_hat / sqrt(v_hat): a zero gradient at t = 1 gives 0/0 = nan",
             hidden_only=True, code='''
def adam_step(p, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    return p - lr * (m / (1 - beta1 ** t)) / np.sqrt(v / (1 - beta2 ** t)), m, v
'''),
        dict(audit=('promise', 'lesson'), why="updates m, v and p in place: the caller's arrays change", hidden_only=True, code='''
def adam_step(p, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m *= beta1
    m += (1 - beta1) * g
    v *= beta2
    v += (1 - beta2) * g ** 2
    p -= lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return p, m, v
'''),
        dict(audit="lesson", why="eps inside the square root: sqrt(v_hat + eps)", hidden_only=False, code='''
def adam_step(p, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return p - lr * m_hat / np.sqrt(v_hat + eps), m, v
'''),
        dict(audit=('promise', 'lesson'), why="stores the bias-corrected moments as the state", hidden_only=True, code='''
def adam_step(p, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = (beta1 * m + (1 - beta1) * g) / (1 - beta1 ** t)
    v = (beta2 * v + (1 - beta2) * g ** 2) / (1 - beta2 ** t)
    return p - lr * m / (np.sqrt(v) + eps), m, v
'''),
        dict(why="Kingma & Ba's 'efficient' form: eps added to sqrt(v), not sqrt(v_hat)", hidden_only=False, code='''
def adam_step(p, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    lr_t = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    return p - lr_t * m / (np.sqrt(v) + eps), m, v
'''),
        dict(audit='lesson', why="bias correction counted from t = 0 (uses t - 1): the first step divides by zero", hidden_only=False, code='''
def adam_step(p, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat = m / (1 - beta1 ** (t - 1))
    v_hat = v / (1 - beta2 ** (t - 1))
    return p - lr * m_hat / (np.sqrt(v_hat) + eps), m, v
'''),
        dict(audit="lesson", why="bias correction one step ahead (t + 1, treating the given t as 0-based)", hidden_only=False, code='''
def adam_step(p, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat = m / (1 - beta1 ** (t + 1))
    v_hat = v / (1 - beta2 ** (t + 1))
    return p - lr * m_hat / (np.sqrt(v_hat) + eps), m, v
'''),
        dict(audit="lesson", why="no bias correction at all", hidden_only=False, code='''
def adam_step(p, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    return p - lr * m / (np.sqrt(v) + eps), m, v
'''),
        dict(audit="lesson", why="bias correction of the first moment only", hidden_only=False, code='''
def adam_step(p, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    return p - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v) + eps), m, v
'''),
    ],
    "ridge": [
        dict(audit="promise", why="leaves w[0] unpenalised (the intercept convention; the docstring: every weight is penalised)",
             hidden_only=False, code='''
def ridge_fit(X, y, lam):
    P = lam * np.eye(X.shape[1])
    P[0, 0] = 0.0
    return np.linalg.solve(X.T @ X + P, X.T @ y)
'''),
        dict(audit="stability", why="inverts X^T X + lam I with np.linalg.inv (the text: solve, do not invert; less accurate): blocked in the hidden test",
             hidden_only=True, code='''
def ridge_fit(X, y, lam):
    return np.linalg.inv(X.T @ X + lam * np.eye(X.shape[1])) @ (X.T @ y)
'''),
        dict(audit='lesson', why="augmented least squares with lam * I instead of sqrt(lam) * I", hidden_only=True, code='''
def ridge_fit(X, y, lam):
    d = X.shape[1]
    X_aug = np.vstack([X, lam * np.eye(d)])
    y_aug = np.concatenate([y, np.zeros(d)])
    return np.linalg.lstsq(X_aug, y_aug, rcond=None)[0]
'''),
        dict(audit='lesson', why="scales lam by n (mean-squared-error convention)", hidden_only=False, code='''
def ridge_fit(X, y, lam):
    n, d = X.shape
    return np.linalg.solve(X.T @ X + n * lam * np.eye(d), X.T @ y)
'''),
        dict(why="uses lam / 2 (solution of the 1/2-scaled objective with a full-lam penalty)", hidden_only=False, code='''
def ridge_fit(X, y, lam):
    d = X.shape[1]
    return np.linalg.solve(X.T @ X + lam / 2 * np.eye(d), X.T @ y)
'''),
    ],
    "lasso": [
        dict(audit="promise", why="stops early once an update changes w by less than 1e-6 (the docstring: exactly n_steps iterations)",
             hidden_only=True, code=_SOFT_OK + '''
def lasso_ista(X, y, lam, n_steps=500):
    L = np.linalg.norm(X, 2) ** 2
    w = np.zeros(X.shape[1])
    for _ in range(n_steps):
        w_new = soft_threshold(w - X.T @ (X @ w - y) / L, lam / L)
        if np.max(np.abs(w_new - w)) < 1e-6:
            return w_new
        w = w_new
    return w
'''),
        dict(audit='lesson', why="thresholds at lam instead of lam / L", hidden_only=True, code=_SOFT_OK + '''
def lasso_ista(X, y, lam, n_steps=500):
    L = np.linalg.norm(X, 2) ** 2
    w = np.zeros(X.shape[1])
    for _ in range(n_steps):
        w = soft_threshold(w - X.T @ (X @ w - y) / L, lam)
    return w
'''),
        dict(audit="lesson", why="L from the Frobenius norm: a far too small step, not converged after n_steps", hidden_only=True, code=_SOFT_OK + '''
def lasso_ista(X, y, lam, n_steps=500):
    L = np.linalg.norm(X) ** 2
    w = np.zeros(X.shape[1])
    for _ in range(n_steps):
        w = soft_threshold(w - X.T @ (X @ w - y) / L, lam / L)
    return w
'''),
        dict(why="hard thresholding instead of soft", hidden_only=False, code='''
def soft_threshold(z, tau):
    return z * (np.abs(z) > tau)

def lasso_ista(X, y, lam, n_steps=500):
    L = np.linalg.norm(X, 2) ** 2
    w = np.zeros(X.shape[1])
    for _ in range(n_steps):
        w = soft_threshold(w - X.T @ (X @ w - y) / L, lam / L)
    return w
'''),
        dict(audit="lesson", why="subgradient steps instead of the proximal step: no exact zeros", hidden_only=False, code=_SOFT_OK + '''
def lasso_ista(X, y, lam, n_steps=500):
    L = np.linalg.norm(X, 2) ** 2
    w = np.zeros(X.shape[1])
    for _ in range(n_steps):
        w = w - (X.T @ (X @ w - y) + lam * np.sign(w)) / L
    return w
'''),
    ],
    "validation_curve": [
        dict(audit=('promise', 'lesson'), why="fits on the training and validation sets together (the docstring: TRAINING set only)", hidden_only=True, code='''
def ridge_validation_curve(X_tr, y_tr, X_val, y_val, lams):
    X_all, y_all = np.vstack([X_tr, X_val]), np.concatenate([y_tr, y_val])
    tr, va = [], []
    for lam in lams:
        w = ridge_fit(X_all, y_all, lam)
        tr.append(np.mean((X_tr @ w - y_tr) ** 2))
        va.append(np.mean((X_val @ w - y_val) ** 2))
    return np.array(tr), np.array(va)
'''),
        dict(why="sum of squared errors instead of the mean", hidden_only=True, code='''
def ridge_validation_curve(X_tr, y_tr, X_val, y_val, lams):
    tr, va = [], []
    for lam in lams:
        w = ridge_fit(X_tr, y_tr, lam)
        tr.append(np.sum((X_tr @ w - y_tr) ** 2))
        va.append(np.sum((X_val @ w - y_val) ** 2))
    return np.array(tr), np.array(va)
'''),
        dict(why="root mean squared error instead of the MSE", hidden_only=True, code='''
def ridge_validation_curve(X_tr, y_tr, X_val, y_val, lams):
    tr, va = [], []
    for lam in lams:
        w = ridge_fit(X_tr, y_tr, lam)
        tr.append(np.sqrt(np.mean((X_tr @ w - y_tr) ** 2)))
        va.append(np.sqrt(np.mean((X_val @ w - y_val) ** 2)))
    return np.array(tr), np.array(va)
'''),
        dict(why="returns (validation, training) in the wrong order", hidden_only=False, code='''
def ridge_validation_curve(X_tr, y_tr, X_val, y_val, lams):
    tr, va = [], []
    for lam in lams:
        w = ridge_fit(X_tr, y_tr, lam)
        tr.append(np.mean((X_tr @ w - y_tr) ** 2))
        va.append(np.mean((X_val @ w - y_val) ** 2))
    return np.array(va), np.array(tr)
'''),
    ],
    "convergence_runs": [
        dict(audit='promise', why="heavy ball starts with x_{-1} = 0 instead of x_0 (a spurious first momentum)", hidden_only=True, code=_GD_ERR_OK + '''
def heavy_ball_errors(A, b, x0, lr, beta, n_steps):
    x_star = np.linalg.solve(A, b)
    x = x0.astype(float)
    x_prev = np.zeros_like(x)
    errs = [np.linalg.norm(x - x_star)]
    for _ in range(n_steps):
        x, x_prev = x - lr * (A @ x - b) + beta * (x - x_prev), x
        errs.append(np.linalg.norm(x - x_star))
    return np.array(errs)
''' + _ITERS_OK),
        dict(why="momentum term with the wrong sign: beta (x_{k-1} - x_k)", hidden_only=True, code=_GD_ERR_OK + '''
def heavy_ball_errors(A, b, x0, lr, beta, n_steps):
    x_star = np.linalg.solve(A, b)
    x = x0.astype(float)
    x_prev = x.copy()
    errs = [np.linalg.norm(x - x_star)]
    for _ in range(n_steps):
        x, x_prev = x - lr * (A @ x - b) + beta * (x_prev - x), x
        errs.append(np.linalg.norm(x - x_star))
    return np.array(errs)
''' + _ITERS_OK),
        dict(audit='promise', why="relative errors ||x_k - x*|| / ||x_0 - x*|| instead of absolute ones", hidden_only=True, code='''
def gd_errors(A, b, x0, lr, n_steps):
    x_star = np.linalg.solve(A, b)
    x = x0.astype(float)
    e0 = np.linalg.norm(x - x_star)
    errs = [1.0]
    for _ in range(n_steps):
        x = x - lr * (A @ x - b)
        errs.append(np.linalg.norm(x - x_star) / e0)
    return np.array(errs)
''' + _HB_OK + _ITERS_OK),
        dict(audit='promise', why="np.argmax on the boolean mask: returns 0 instead of -1 when the tolerance is never reached", hidden_only=True, code=_GD_ERR_OK + _HB_OK + '''
def iterations_to_tol(errors, tol):
    return int(np.argmax(np.asarray(errors) <= tol * errors[0]))
'''),
        dict(audit='promise', why="strict inequality errors[k] < tol * errors[0]", hidden_only=False, code=_GD_ERR_OK + _HB_OK + '''
def iterations_to_tol(errors, tol):
    hits = np.nonzero(np.asarray(errors) < tol * errors[0])[0]
    return int(hits[0]) if len(hits) else -1
'''),
    ],
    "optimal_rates": [
        dict(audit="promise", why="values as 0-d NumPy arrays (np.array(...)), not floats: the docstring promises float values",
             hidden_only=True, code='''
def optimal_parameters(L, mu):
    kappa = L / mu
    sk = np.sqrt(kappa)
    out = {"gd_lr": 2 / (L + mu), "gd_rate": (kappa - 1) / (kappa + 1),
           "hb_lr": 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2,
           "hb_beta": ((sk - 1) / (sk + 1)) ** 2, "hb_rate": (sk - 1) / (sk + 1)}
    return {k: np.array(v) for k, v in out.items()}
'''),
        dict(why="uses kappa = L (assumes mu = 1)", hidden_only=True, code='''
def optimal_parameters(L, mu):
    kappa = L
    sk = np.sqrt(kappa)
    return {"gd_lr": 2 / (L + mu), "gd_rate": (kappa - 1) / (kappa + 1),
            "hb_lr": 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2,
            "hb_beta": ((sk - 1) / (sk + 1)) ** 2, "hb_rate": (sk - 1) / (sk + 1)}
'''),
        dict(audit='lesson', why="momentum beta equal to the rate (not its square)", hidden_only=False, code='''
def optimal_parameters(L, mu):
    kappa = L / mu
    sk = np.sqrt(kappa)
    return {"gd_lr": 2 / (L + mu), "gd_rate": (kappa - 1) / (kappa + 1),
            "hb_lr": 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2,
            "hb_beta": (sk - 1) / (sk + 1), "hb_rate": (sk - 1) / (sk + 1)}
'''),
        dict(why="step 1/L for gradient descent (with its rate 1 - 1/kappa)", hidden_only=False, code='''
def optimal_parameters(L, mu):
    kappa = L / mu
    sk = np.sqrt(kappa)
    return {"gd_lr": 1 / L, "gd_rate": 1 - 1 / kappa,
            "hb_lr": 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2,
            "hb_beta": ((sk - 1) / (sk + 1)) ** 2, "hb_rate": (sk - 1) / (sk + 1)}
'''),
    ],
    "rosenbrock": [
        dict(audit="promise", why="f returned as a 0-d NumPy array (np.asarray), not a float",
             hidden_only=True, code='''
def rosenbrock(p, a=1.0, b=100.0):
    x, y = p
    f = np.asarray((a - x) ** 2 + b * (y - x ** 2) ** 2)
    return f, np.array([-2 * (a - x) - 4 * b * x * (y - x ** 2), 2 * b * (y - x ** 2)])
''' + _ROSEN_HESS_OK),
        dict(audit='promise', why="b hard-coded to 100 in the gradient and Hessian", hidden_only=True, code='''
def rosenbrock(p, a=1.0, b=100.0):
    x, y = p
    f = (a - x) ** 2 + b * (y - x ** 2) ** 2
    return f, np.array([-2 * (a - x) - 400 * x * (y - x ** 2), 200 * (y - x ** 2)])

def rosenbrock_hessian(p, a=1.0, b=100.0):
    x, y = p
    return np.array([[2 - 400 * y + 1200 * x ** 2, -400 * x], [-400 * x, 200.0]])
'''),
        dict(why="drops the factor 2 of the first term's derivative", hidden_only=False, code='''
def rosenbrock(p, a=1.0, b=100.0):
    x, y = p
    f = (a - x) ** 2 + b * (y - x ** 2) ** 2
    return f, np.array([-(a - x) - 4 * b * x * (y - x ** 2), 2 * b * (y - x ** 2)])
''' + _ROSEN_HESS_OK),
        dict(why="Hessian d2f/dx2 misses the -4 b y term", hidden_only=False, code=_ROSEN_OK + '''
def rosenbrock_hessian(p, a=1.0, b=100.0):
    x, y = p
    return np.array([[2 + 12 * b * x ** 2, -4 * b * x], [-4 * b * x, 2 * b]])
'''),
    ],
    "minibatch": [
        dict(audit=('promise', 'lesson'), why="drops the smaller last batch (range(0, n - B + 1, B)): n % B examples never seen", hidden_only=True, code='''
def minibatch_indices(n, batch_size, rng):
    perm = rng.permutation(n)
    return [perm[k:k + batch_size] for k in range(0, n - batch_size + 1, batch_size)]
''' + _MB_GRAD_OK),
        dict(audit='lesson', why="np.array_split into ceil(n / B) near-equal batches instead of B-sized ones and a smaller last one", hidden_only=True, code='''
def minibatch_indices(n, batch_size, rng):
    return list(np.array_split(rng.permutation(n), -(-n // batch_size)))
''' + _MB_GRAD_OK),
        dict(audit='lesson', why="samples every batch with replacement (rng.integers), not one permutation per epoch", hidden_only=False, code='''
def minibatch_indices(n, batch_size, rng):
    return [rng.integers(0, n, size=min(batch_size, n - k)) for k in range(0, n, batch_size)]
''' + _MB_GRAD_OK),
        dict(audit='promise', why="sums the per-example gradients instead of averaging them", hidden_only=False, code=_MB_IDX_OK + '''
def minibatch_grad(X, y, w, idx):
    return X[idx].T @ (X[idx] @ w - y[idx])
'''),
        dict(why="divides the batch sum by n (the full-data normalisation) instead of the batch size", hidden_only=False, code=_MB_IDX_OK + '''
def minibatch_grad(X, y, w, idx):
    return X[idx].T @ (X[idx] @ w - y[idx]) / X.shape[0]
'''),
    ],
    "grad_variance": [
        dict(audit="stability", why="sigma^2 as mean(G^2) - mean(G)^2 (one pass): catastrophic cancellation for gradients with a large common offset",
             hidden_only=True, code='''
def minibatch_variance(G, batch_size):
    n = G.shape[0]
    sigma2 = np.sum(np.mean(G ** 2, axis=0) - G.mean(axis=0) ** 2)
    return float(sigma2 / batch_size * (n - batch_size) / (n - 1))
'''),
        dict(audit='lesson', why="sigma^2 / B without the finite-population factor (the with-replacement variance)", hidden_only=True, code='''
def minibatch_variance(G, batch_size):
    return float(np.sum((G - G.mean(axis=0)) ** 2) / G.shape[0] / batch_size)
'''),
        dict(why="the finite-population factor without the 1 / B", hidden_only=True, code='''
def minibatch_variance(G, batch_size):
    n = G.shape[0]
    return float(np.sum((G - G.mean(axis=0)) ** 2) / n * (n - batch_size) / (n - 1))
'''),
        dict(why="sample variance (ddof = 1) without the finite-population factor", hidden_only=False, code='''
def minibatch_variance(G, batch_size):
    return float(np.sum((G - G.mean(axis=0)) ** 2) / (G.shape[0] - 1) / batch_size)
'''),
        dict(audit='promise', why="averages the variance over the d coordinates instead of summing (not the total variance)", hidden_only=False, code='''
def minibatch_variance(G, batch_size):
    n = G.shape[0]
    return float(np.mean(np.var(G, axis=0)) / batch_size * (n - batch_size) / (n - 1))
'''),
    ],
    "sgd_run": [
        dict(audit='lesson', why="shuffles once and reuses the same permutation in every epoch", hidden_only=True, code=_SGD_RUN_HEAD + '''    batches = minibatch_indices(n, batch_size, rng)
    k = 0
    for _ in range(n_epochs):
        for idx in batches:
            w = sgd_step(w, minibatch_grad(X, y, w, idx), lr(k))
            ws.append(w)
            k += 1
    return np.array(ws)
'''),
        dict(audit='promise', why="counts the steps from 1 (lr(1) on the first step)", hidden_only=True, code=_SGD_RUN_HEAD + '''    k = 0
    for _ in range(n_epochs):
        for idx in minibatch_indices(n, batch_size, rng):
            k += 1
            w = sgd_step(w, minibatch_grad(X, y, w, idx), lr(k))
            ws.append(w)
    return np.array(ws)
'''),
        dict(audit='lesson', why="resets the step counter at every epoch (lr(j) with j the batch number within the epoch)", hidden_only=True, code=_SGD_RUN_HEAD + '''    for _ in range(n_epochs):
        for j, idx in enumerate(minibatch_indices(n, batch_size, rng)):
            w = sgd_step(w, minibatch_grad(X, y, w, idx), lr(j))
            ws.append(w)
    return np.array(ws)
'''),
        dict(why="steps with the full gradient (shuffles, but never uses the batch)", hidden_only=False, code=_SGD_RUN_HEAD + '''    k = 0
    for _ in range(n_epochs):
        for idx in minibatch_indices(n, batch_size, rng):
            w = sgd_step(w, minibatch_grad(X, y, w, np.arange(n)), lr(k))
            ws.append(w)
            k += 1
    return np.array(ws)
'''),
        dict(why="records the iterates after each step but not w0 (n_steps rows)", hidden_only=False, code='''
def sgd_least_squares(X, y, w0, lr, batch_size, n_epochs, rng):
    n = X.shape[0]
    w = np.array(w0, dtype=float)
    ws = []
    k = 0
    for _ in range(n_epochs):
        for idx in minibatch_indices(n, batch_size, rng):
            w = sgd_step(w, minibatch_grad(X, y, w, idx), lr(k))
            ws.append(w)
            k += 1
    return np.array(ws)
'''),
    ],
    "linear_rate": [
        dict(audit="promise", why="returns a 0-d NumPy array (np.exp(np.asarray(slope))), not a float (np.ndim is 0 for both)",
             hidden_only=True, code=_RATE_HEAD + '''    k = np.arange(k0, k1)
    return np.asarray(np.exp(np.polyfit(k, np.log(errors[k0:k1]), 1)[0]))
'''),
        dict(audit='lesson', why="rate from the two end points only, (errors[k1-1] / errors[k0]) ** (1 / (k1 - 1 - k0))", hidden_only=True, code=_RATE_HEAD + '''    return float((errors[k1 - 1] / errors[k0]) ** (1.0 / (k1 - 1 - k0)))
'''),
        dict(audit='promise', why="includes errors[k1] in the fit (range(k0, k1 + 1))", hidden_only=True, code=_RATE_HEAD + '''    e = np.asarray(errors[k0:k1 + 1])
    return float(np.exp(np.polyfit(np.arange(k0, k0 + len(e)), np.log(e), 1)[0]))
'''),
        dict(audit='lesson', why="mean of the one-step ratios errors[k+1] / errors[k]", hidden_only=True, code=_RATE_HEAD + '''    e = np.asarray(errors[k0:k1])
    return float(np.mean(e[1:] / e[:-1]))
'''),
        dict(why="slope of log10 (not the natural log) exponentiated with exp", hidden_only=False, code=_RATE_HEAD + '''    k = np.arange(k0, k1)
    return float(np.exp(np.polyfit(k, np.log10(errors[k0:k1]), 1)[0]))
'''),
    ],
}

ALTERNATIVES = {
    "minibatch": [
        dict(why="np.split at the multiples of B; the gradient with einsum", code='''
def minibatch_indices(n, batch_size, rng):
    return np.split(rng.permutation(n), np.arange(batch_size, n, batch_size))

def minibatch_grad(X, y, w, idx):
    idx = np.asarray(idx)
    r = X[idx] @ w - y[idx]
    return np.einsum("i,ij->j", r, X[idx]) / idx.size
'''),
    ],
    "grad_variance": [
        dict(why="sample variance (ddof = 1) with the factor (n - B) / n: the same number", code='''
def minibatch_variance(G, batch_size):
    n = G.shape[0]
    s2 = np.var(G, axis=0, ddof=1).sum()
    return float(s2 * (n - batch_size) / (n * batch_size))
'''),
    ],
    "sgd_run": [
        dict(why="a preallocated history and the update written out (no sgd_step call)", code='''
def sgd_least_squares(X, y, w0, lr, batch_size, n_epochs, rng):
    n, d = X.shape
    per_epoch = -(-n // batch_size)
    ws = np.empty((n_epochs * per_epoch + 1, d))
    ws[0] = w0
    k = 0
    for _ in range(n_epochs):
        for idx in minibatch_indices(n, batch_size, rng):
            ws[k + 1] = ws[k] - lr(k) * minibatch_grad(X, y, ws[k], idx)
            k += 1
    return ws
'''),
    ],
    "linear_rate": [
        dict(why="np.polyfit on the natural log", code=_RATE_HEAD + '''    k = np.arange(k0, k1)
    return float(np.exp(np.polyfit(k, np.log(errors[k0:k1]), 1)[0]))
'''),
        dict(why="least squares with np.linalg.lstsq on the columns [k, 1]", code=_RATE_HEAD + '''    k = np.arange(k0, k1, dtype=float)
    coef = np.linalg.lstsq(np.column_stack([k, np.ones_like(k)]), np.log(errors[k0:k1]), rcond=None)[0]
    return float(np.exp(coef[0]))
'''),
    ],
    "hessian": [
        dict(why="three-point formula on the diagonal; PSD by a Cholesky factorisation of H + tol I", code='''
def numerical_hessian(f, x, h=1e-4):
    d = len(x)
    E = np.eye(d) * h
    f0 = f(x)
    H = np.zeros((d, d))
    for i in range(d):
        H[i, i] = (f(x + E[i]) - 2 * f0 + f(x - E[i])) / h ** 2
        for j in range(i + 1, d):
            H[i, j] = H[j, i] = (f(x + E[i] + E[j]) - f(x + E[i] - E[j]) - f(x - E[i] + E[j]) + f(x - E[i] - E[j])) / (4 * h ** 2)
    return H

def is_psd(H, tol=1e-8):
    try:
        np.linalg.cholesky(H + tol * np.eye(len(H)))
        return True
    except np.linalg.LinAlgError:
        return False
'''),
    ],
    "gd_quadratic": [
        dict(why="gap through f(x) - f* with f* = -1/2 b^T x*; L, mu from np.linalg.eigh", code='''
def smoothness_constants(A):
    w, _ = np.linalg.eigh(A)
    return max(w[-1], -w[0]), w[0]

def gd_quadratic(A, b, x0, lr, n_steps):
    f = lambda x: 0.5 * x @ A @ x - b @ x
    f_star = f(np.linalg.solve(A, b))
    x = np.array(x0, dtype=float)
    out = np.zeros(n_steps + 1)
    out[0] = f(x) - f_star
    for k in range(1, n_steps + 1):
        x = x - lr * (A @ x - b)
        out[k] = f(x) - f_star
    return out
'''),
    ],
    "sgd_momentum": [
        dict(why="in terms of np.add / np.subtract with explicit copies", code='''
def sgd_step(p, g, lr=0.01):
    return np.subtract(p, lr * g)

def momentum_step(p, g, v, lr=0.01, mu=0.9):
    v_new = v.copy() * mu
    v_new = np.add(v_new, g)
    return np.subtract(p, lr * v_new), v_new
'''),
    ],
    "nesterov": [
        dict(why="expanded form p - lr (1 + mu) g - lr mu^2 v_old", code='''
def nesterov_step(p, g, v, lr=0.01, mu=0.9):
    return p - lr * (1 + mu) * g - lr * mu * mu * v, mu * v + g
'''),
    ],
    "rmsprop": [
        dict(why="g**2 written as np.square, division through a denominator variable", code='''
def rmsprop_step(p, g, s, lr=0.01, alpha=0.99, eps=1e-8):
    s_new = alpha * s + (1 - alpha) * np.square(g)
    denom = np.sqrt(s_new) + eps
    return p - lr * g / denom, s_new
'''),
    ],
    "adam": [
        dict(why="PyTorch's own arrangement: denom = sqrt(v) / sqrt(1 - beta2^t) + eps, step lr / (1 - beta1^t)", code='''
def adam_step(p, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    bias_correction1 = 1 - beta1 ** t
    bias_correction2 = 1 - beta2 ** t
    denom = np.sqrt(v) / np.sqrt(bias_correction2) + eps
    return p - (lr / bias_correction1) * m / denom, m, v
'''),
    ],
    "ridge": [
        dict(why="augmented least squares with sqrt(lam) * I", code='''
def ridge_fit(X, y, lam):
    d = X.shape[1]
    return np.linalg.lstsq(np.vstack([X, np.sqrt(lam) * np.eye(d)]), np.concatenate([y, np.zeros(d)]), rcond=None)[0]
'''),
        dict(why="through the SVD: w = V diag(s / (s^2 + lam)) U^T y", code='''
def ridge_fit(X, y, lam):
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt.T @ ((s / (s ** 2 + lam)) * (U.T @ y))
'''),
    ],
    "lasso": [
        dict(why="soft-thresholding written with np.clip; L from the largest eigenvalue of X^T X", code='''
def soft_threshold(z, tau):
    return z - np.clip(z, -tau, tau)

def lasso_ista(X, y, lam, n_steps=500):
    L = np.linalg.eigvalsh(X.T @ X)[-1]
    w = np.zeros(X.shape[1])
    for _ in range(n_steps):
        grad = X.T @ (X @ w - y)
        w = soft_threshold(w - grad / L, lam / L)
    return w
'''),
    ],
    "validation_curve": [
        dict(why="list comprehension over the fitted weights", code='''
def ridge_validation_curve(X_tr, y_tr, X_val, y_val, lams):
    ws = [ridge_fit(X_tr, y_tr, lam) for lam in lams]
    mse = lambda X, y, w: float(np.mean((y - X @ w) ** 2))
    return np.array([mse(X_tr, y_tr, w) for w in ws]), np.array([mse(X_val, y_val, w) for w in ws])
'''),
    ],
    "convergence_runs": [
        dict(why="loops throughout; heavy ball written with a velocity (PyTorch momentum form)", code=_GD_ERR_OK + '''
def heavy_ball_errors(A, b, x0, lr, beta, n_steps):
    x_star = np.linalg.solve(A, b)
    x = x0.astype(float)
    v = np.zeros_like(x)
    errs = [np.linalg.norm(x - x_star)]
    for _ in range(n_steps):
        v = beta * v + (A @ x - b)
        x = x - lr * v
        errs.append(np.linalg.norm(x - x_star))
    return np.array(errs)
''' + _ITERS_OK),
    ],
    "optimal_rates": [
        dict(why="written with numpy and without kappa for the step sizes", code='''
def optimal_parameters(L, mu):
    r = (np.sqrt(L) - np.sqrt(mu)) / (np.sqrt(L) + np.sqrt(mu))
    return dict(gd_lr=2 / (L + mu), gd_rate=(L - mu) / (L + mu), hb_lr=(2 / (np.sqrt(L) + np.sqrt(mu))) ** 2,
                hb_beta=r ** 2, hb_rate=r)
'''),
    ],
    "rosenbrock": [
        dict(why="expanded polynomial forms", code='''
def rosenbrock(p, a=1.0, b=100.0):
    x, y = float(p[0]), float(p[1])
    f = a * a - 2 * a * x + x * x + b * (y * y - 2 * y * x * x + x ** 4)
    return f, np.array([-2 * a + 2 * x - 4 * b * x * y + 4 * b * x ** 3, 2 * b * y - 2 * b * x * x])
''' + _ROSEN_HESS_OK),
    ],
}


_NO_FP_HAZARD = "no exp/log, no division by a computed quantity, no subtraction of near-equal values: only {what}"
_NUMPY_ONLY = "NumPy only (the kernel has no scipy, sklearn or torch) and NumPy has no routine that {what}"

NOT_APPLICABLE = {
    "hessian": {
        "library": "the docstring allows np.linalg.eigvalsh for is_psd (the exercise is the semi-definite test and its tolerance); "
                   "no NumPy routine differentiates a Python callable (np.gradient needs a grid), so the central differences are the student's",
    },
    "gd_quadratic": {
        "stability": "the gap as f(x_k) - f(x*) is a recorded alternative (the literal docstring formula): its rounding, "
                     "a few eps |f*| ~ 1e-15 (|f*| = 2.4 in the hidden case), is below the tests' atol 1e-14; eigvalsh is backward stable; no exp/log or division",
        "library": "the docstring allows np.linalg.eigvalsh (the exercise is which eigenvalues give L and mu); "
                   "the gradient-descent loop has no NumPy routine",
    },
    "sgd_momentum": {
        "stability": _NO_FP_HAZARD.format(what="the products and sums mu v + g and p - lr v"),
        "library": _NUMPY_ONLY.format(what="takes an optimizer step (torch.optim is what the docstring imitates, and is absent)"),
    },
    "nesterov": {
        "stability": _NO_FP_HAZARD.format(what="the products and sums mu v + g and p - lr (g + mu v)"),
        "library": _NUMPY_ONLY.format(what="takes an optimizer step"),
    },
    "rmsprop": {
        "library": _NUMPY_ONLY.format(what="takes an optimizer step"),
    },
    "adam": {
        "library": _NUMPY_ONLY.format(what="takes an optimizer step"),
    },
    "ridge": {
        "library": "the docstring allows np.linalg.solve and np.linalg.lstsq: the exercise is forming X^T X + lam I and X^T y "
                   "(lstsq on the sqrt(lam)-augmented system is a recorded alternative); only np.linalg.inv is blocked",
    },
    "lasso": {
        "stability": _NO_FP_HAZARD.format(what="soft-thresholding (a comparison and one subtraction; exact zeros tested) and "
                                          "a gradient step divided by L = ||X||_2^2 > 0"),
        "library": _NUMPY_ONLY.format(what="solves the lasso; np.linalg.norm(X, 2) for L is pinned by the docstring"),
    },
    "validation_curve": {
        "stability": _NO_FP_HAZARD.format(what="means of squared residuals (each term >= 0, no cancellation)"),
        "library": "ridge_fit is the student's own (graded above); np.mean for the MSE is intended: the exercise is "
                   "the loop that fits on the training set only and scores both sets",
    },
    "convergence_runs": {
        "stability": _NO_FP_HAZARD.format(what="the iteration's matrix-vector products, norms of x_k - x* and one comparison <= tol * errors[0]"),
        "library": _NUMPY_ONLY.format(what="runs gradient descent or heavy ball; np.linalg.solve for x* is given by the docstring"),
        "lesson": "the lesson's Common mistakes has no item on error sequences or iteration counts, and its heavy-ball text "
                  "(section 4) warns only about conventions of momentum (graded in sgd_momentum); x_{-1} = x_0 and '<=' are "
                  "docstring promises, recorded under promise",
    },
    "optimal_rates": {
        "stability": "closed forms in L, mu > 0 with no exp/log; near kappa = 1 the rates are ill-conditioned in L and mu "
                     "themselves, so (kappa - 1)/(kappa + 1) and (L - mu)/(L + mu) lose the same digits (both accepted)",
        "library": _NUMPY_ONLY.format(what="gives these optimal parameters: the exercise is the five formulas"),
    },
    "rosenbrock": {
        "stability": "a polynomial in x, y with no exp/log/division; the expanded form (a recorded alternative) differs only "
                     "by eps a^2 near the minimum, far below the tests' rtol 1e-12 on f = O(1) and the gradient check's 1e-7",
        "library": _NUMPY_ONLY.format(what="differentiates symbolically: f, the gradient and the Hessian are written by hand"),
        "lesson": "the lesson warns about Rosenbrock only as 'trusting local rates globally', graded in the written "
                  "explain_rosenbrock; it lists no mistake in computing f, its gradient or its Hessian",
    },
    "minibatch": {
        "stability": _NO_FP_HAZARD.format(what="integer indices and the mean of x_i (x_i^T w - y_i) over a batch"),
        "library": "no NumPy routine makes an epoch's batches: np.split at the multiples of B is the slicing itself (a "
                   "recorded alternative), np.array_split evens the sizes out and is recorded wrong (lesson)",
    },
    "grad_variance": {
        "library": "the docstring allows np.var, which gives only sigma^2 (a recorded alternative uses it with ddof = 1): "
                   "the exercise is the finite-population formula sigma^2 / B (n - B) / (n - 1)",
    },
    "sgd_run": {
        "stability": _NO_FP_HAZARD.format(what="the student's sgd_step and minibatch_grad called in a loop"),
        "library": _NUMPY_ONLY.format(what="runs SGD with a schedule: the exercise is the loop, the fresh shuffle and the step counter"),
    },
    "linear_rate": {
        "stability": "the errors stay positive (the docstring), their log is exact to eps; the uncentered closed-form slope "
                     "is exact in int64 k and, measured with float k at k0 = 10^6, off by only 1.7e-10 (centered: 3e-15)",
        "library": "the docstring allows np.polyfit (a recorded alternative, as is np.linalg.lstsq on [k, 1]): the exercise "
                   "is fitting the natural log over range(k0, k1) and exponentiating the slope",
    },
}
