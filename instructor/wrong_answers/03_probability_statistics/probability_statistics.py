"""Recorded wrong answers and accepted alternatives for 03_probability_statistics/probability_statistics.ipynb (instructor-only)."""

# --- building blocks: correct versions that the variants below combine with one mistake ---

_LOGPDF_OK = '''
def gaussian_log_pdf(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    return -0.5 * np.log(2 * np.pi * sigma ** 2) - (x - mu) ** 2 / (2 * sigma ** 2)
'''

_MLE_OK = '''
def gaussian_mle(X):
    return np.mean(X, axis=0), np.var(X, axis=0)
'''

_SAMPLE_OK = '''
def sample_gaussian(rng, mean, cov, n):
    L = np.linalg.cholesky(cov)
    z = rng.standard_normal((n, len(mean)))
    return mean + z @ L.T
'''

_BERN_OK = '''
def bernoulli_log_likelihood(y, p):
    return float(np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
'''

_CAT_OK = '''
def categorical_log_likelihood(y, P):
    return float(np.sum(np.log(P[np.arange(len(y)), y])))
'''

_POSTERIOR_OK = '''
def bayes_posterior(prior, likelihood):
    unnorm = prior * likelihood
    return unnorm / np.sum(unnorm)
'''

_DIAG_OK = '''
def diagnostic_posterior(prevalence, sensitivity, specificity, positive=True):
    if positive:
        a, b = sensitivity * prevalence, (1 - specificity) * (1 - prevalence)
    else:
        a, b = (1 - sensitivity) * prevalence, specificity * (1 - prevalence)
    return a / (a + b)
'''

_SEQ_OK = '''
def sequential_update(prior, lik_table, observations):
    out = np.zeros((len(observations) + 1, len(prior)))
    out[0] = prior
    for t, o in enumerate(observations):
        p = out[t] * lik_table[:, o]
        out[t + 1] = p / p.sum()
    return out
'''

_LSE_OK = '''
def logsumexp(z, axis=-1, keepdims=False):
    m = np.max(z, axis=axis, keepdims=True)
    s = m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
    if not keepdims:
        s = np.squeeze(s, axis=axis)
    return s
'''

_LOGSOFTMAX_OK = '''
def log_softmax(z, axis=-1):
    return z - logsumexp(z, axis=axis, keepdims=True)
'''

_CE_OK = '''
def cross_entropy(logits, y):
    lp = log_softmax(logits, axis=1)
    return float(-np.mean(lp[np.arange(len(y)), y]))
'''

_SIGMOID_OK = '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1 + ez)
    return out
'''

_BCE_OK = '''
def bce_with_logits(z, y):
    loss = np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))
    return float(loss), (sigmoid(z) - y) / len(z)
'''

_LOGREG_LOSS_OK = '''
def logreg_loss_grad(w, b, X, y, l2=0.0):
    z = X @ w + b
    loss = np.mean(np.logaddexp(0, z) - y * z) + l2 / 2 * np.sum(w ** 2)
    err = sigmoid(z) - y
    return float(loss), X.T @ err / len(y) + l2 * w, float(np.mean(err))
'''

_LOGREG_GD_OK = '''
def train_logreg_gd(X, y, lr=0.5, n_steps=300, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = [logreg_loss_grad(w, b, X, y, l2)[0]]
    for _ in range(n_steps):
        _, dw, db = logreg_loss_grad(w, b, X, y, l2)
        w = w - lr * dw
        b = b - lr * db
        losses.append(logreg_loss_grad(w, b, X, y, l2)[0])
    return w, b, np.array(losses)
'''

_LOGREG_NEWTON_OK = '''
def train_logreg_newton(X, y, l2=1e-2, n_iter=15):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(n_iter):
        p = sigmoid(X @ w + b)
        s = p * (1 - p)
        gw = X.T @ (p - y) / n + l2 * w
        gb = np.mean(p - y)
        Hww = X.T @ (X * s[:, None]) / n + l2 * np.eye(d)
        Hwb = X.T @ s / n
        Hbb = np.mean(s)
        H = np.block([[Hww, Hwb[:, None]], [Hwb[None, :], np.array([[Hbb]])]])
        step = np.linalg.solve(H, np.append(gw, gb))
        w, b = w - step[:d], b - step[d]
    return w, float(b)
'''

_GNB_FIT_OK = '''
def gnb_fit(X, y, var_smoothing=1e-9):
    classes = np.unique(y)
    eps = var_smoothing * X.var(axis=0).max()
    theta = np.zeros((len(classes), X.shape[1]))
    var = np.zeros((len(classes), X.shape[1]))
    log_prior = np.zeros(len(classes))
    for k, c in enumerate(classes):
        Xc = X[y == c]
        theta[k] = Xc.mean(axis=0)
        var[k] = Xc.var(axis=0) + eps
        log_prior[k] = np.log(len(Xc) / len(X))
    return {"classes": classes, "log_prior": log_prior, "theta": theta, "var": var}
'''

_GNB_PROBA_OK = '''
def gnb_predict_log_proba(model, X):
    cols = []
    for k in range(len(model["classes"])):
        mu, var = model["theta"][k], model["var"][k]
        ll = -0.5 * np.log(2 * np.pi * var) - (X - mu) ** 2 / (2 * var)
        cols.append(model["log_prior"][k] + ll.sum(axis=1))
    jll = np.stack(cols, axis=1)
    m = jll.max(axis=1, keepdims=True)
    return jll - m - np.log(np.exp(jll - m).sum(axis=1, keepdims=True))
'''

_GNB_PREDICT_OK = '''
def gnb_predict(model, X):
    return model["classes"][np.argmax(gnb_predict_log_proba(model, X), axis=1)]
'''

_BINS_OK = '''
def calibration_bins(confidence, correct, n_bins=10):
    edges = np.linspace(0, 1, n_bins + 1)
    b = np.clip(np.searchsorted(edges, confidence) - 1, 0, n_bins - 1)
    count = np.bincount(b, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        acc = np.bincount(b, weights=np.asarray(correct, dtype=float), minlength=n_bins) / count
        conf = np.bincount(b, weights=confidence, minlength=n_bins) / count
    return acc, conf, count
'''

_BINS_LOOP_OK = '''
def calibration_bins(confidence, correct, n_bins=10):
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    acc, conf, count = np.full(n_bins, np.nan), np.full(n_bins, np.nan), np.zeros(n_bins, dtype=int)
    for b in range(n_bins):
        m = (confidence > edges[b]) & (confidence <= edges[b + 1])
        if b == 0:
            m |= confidence == 0.0
        count[b] = m.sum()
        if count[b]:
            acc[b] = np.mean(correct[m])
            conf[b] = np.mean(confidence[m])
    return acc, conf, count
'''

_ECE_OK = '''
def expected_calibration_error(probs, y, n_bins=10):
    correct = np.argmax(probs, axis=1) == y
    acc, conf, count = calibration_bins(probs.max(axis=1), correct, n_bins)
    full = count > 0
    return float(np.sum(count[full] / len(y) * np.abs(acc[full] - conf[full])))
'''

_LAPLACE_OK = '''
def laplace_logreg(X, y, w, b, l2):
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    p = sigmoid(A @ np.append(w, b))
    H = A.T @ (A * (p * (1 - p))[:, None]) + np.diag(np.append(np.full(d, n * l2), 0.0))
    return np.linalg.inv(H)
'''

_LAPLACE_PREDICT_OK = '''
def laplace_predict(X, w, b, cov):
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    mu = A @ np.append(w, b)
    var = np.einsum("ij,jk,ik->i", A, cov, A)
    return sigmoid(mu / np.sqrt(1 + np.pi * var / 8)), mu, var
'''


WRONG = {
    "gaussian": [
        dict(audit=('stability', 'lesson'), why="computes log(pdf) instead of the log-density: -inf far in the tails", hidden_only=True,
             code='''
def gaussian_log_pdf(x, mu, sigma):
    pdf = np.exp(-(x - mu) ** 2 / (2 * sigma ** 2)) / (np.sqrt(2 * np.pi) * sigma)
    return np.log(pdf)
''' + _MLE_OK + _SAMPLE_OK),
        dict(audit='lesson', why="treats sigma as the variance", hidden_only=False, code='''
def gaussian_log_pdf(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    return -0.5 * np.log(2 * np.pi * sigma) - (x - mu) ** 2 / (2 * sigma)
''' + _MLE_OK + _SAMPLE_OK),
        dict(why="forgets the -log(sigma) normalisation term", hidden_only=False, code='''
def gaussian_log_pdf(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    return -0.5 * np.log(2 * np.pi) - (x - mu) ** 2 / (2 * sigma ** 2)
''' + _MLE_OK + _SAMPLE_OK),
        dict(audit='lesson', why="unbiased variance (ddof=1) instead of the maximum-likelihood estimate", hidden_only=False,
             code=_LOGPDF_OK + '''
def gaussian_mle(X):
    return np.mean(X, axis=0), np.var(X, axis=0, ddof=1)
''' + _SAMPLE_OK),
        dict(why="returns the standard deviation instead of the variance", hidden_only=True, code=_LOGPDF_OK + '''
def gaussian_mle(X):
    return np.mean(X, axis=0), np.std(X, axis=0)
''' + _SAMPLE_OK),
        dict(audit='lesson', why="multiplies by the covariance instead of its Cholesky factor", hidden_only=True,
             code=_LOGPDF_OK + _MLE_OK + '''
def sample_gaussian(rng, mean, cov, n):
    z = rng.standard_normal((n, len(mean)))
    return mean + z @ cov
'''),
        dict(audit='lesson', why="multiplies rows by L instead of L^T: covariance L^T L", hidden_only=True,
             code=_LOGPDF_OK + _MLE_OK + '''
def sample_gaussian(rng, mean, cov, n):
    L = np.linalg.cholesky(cov)
    z = rng.standard_normal((n, len(mean)))
    return mean + z @ L
'''),
        dict(audit=('promise', 'lesson'), why="ignores the generator it is given (a fixed internal seed)", hidden_only=True,
             code=_LOGPDF_OK + _MLE_OK + '''
def sample_gaussian(rng, mean, cov, n):
    gen = np.random.default_rng(0)
    L = np.linalg.cholesky(cov)
    return mean + gen.standard_normal((n, len(mean))) @ L.T
'''),
        dict(audit="stability", hidden_only=True,
             why="one-pass variance mean(X^2) - mean(X)^2: catastrophic cancellation for a large mean (1e7 + N(0, 1))",
             code=_LOGPDF_OK + '''
def gaussian_mle(X):
    X = np.asarray(X, dtype=float)
    mu = X.mean(axis=0)
    return mu, (X ** 2).mean(axis=0) - mu ** 2
''' + _SAMPLE_OK),
    ],
    "likelihoods": [
        dict(why="swaps the roles of y = 1 and y = 0", hidden_only=True, code='''
def bernoulli_log_likelihood(y, p):
    return float(np.sum(y * np.log(1 - p) + (1 - y) * np.log(p)))
''' + _CAT_OK),
        dict(audit='promise', why="averages instead of summing", hidden_only=False, code='''
def bernoulli_log_likelihood(y, p):
    return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

def categorical_log_likelihood(y, P):
    return float(np.mean(np.log(P[np.arange(len(y)), y])))
'''),
        dict(why="indexes P[:, y] (every row at every label) instead of P[i, y[i]]", hidden_only=False,
             code=_BERN_OK + '''
def categorical_log_likelihood(y, P):
    return float(np.sum(np.log(P[:, y])))
'''),
        dict(audit=('stability', 'lesson'), why="the log of the product of the probabilities: underflows to log(0) = -inf for thousands of "
                 "observations (the lesson's common mistake)", hidden_only=True, code='''
def bernoulli_log_likelihood(y, p):
    return float(np.log(np.prod(np.where(y == 1, p, 1 - p))))

def categorical_log_likelihood(y, P):
    return float(np.log(np.prod(P[np.arange(len(y)), y])))
'''),
    ],
    "bayes": [
        dict(why="ignores the prior: normalises the likelihood", hidden_only=True, code='''
def bayes_posterior(prior, likelihood):
    return likelihood / np.sum(likelihood)
''' + _DIAG_OK + _SEQ_OK),
        dict(audit='lesson', why="uses the specificity as the false-positive rate", hidden_only=False, code=_POSTERIOR_OK + '''
def diagnostic_posterior(prevalence, sensitivity, specificity, positive=True):
    if positive:
        a, b = sensitivity * prevalence, specificity * (1 - prevalence)
    else:
        a, b = (1 - sensitivity) * prevalence, (1 - specificity) * (1 - prevalence)
    return a / (a + b)
''' + _SEQ_OK),
        dict(audit='lesson', why="returns the sensitivity P(+ | disease) (the prosecutor's fallacy)", hidden_only=False,
             code=_POSTERIOR_OK + '''
def diagnostic_posterior(prevalence, sensitivity, specificity, positive=True):
    return sensitivity if positive else 1 - sensitivity
''' + _SEQ_OK),
        dict(audit='lesson', why="updates the original prior at every step instead of the previous posterior", hidden_only=False,
             code=_POSTERIOR_OK + _DIAG_OK + '''
def sequential_update(prior, lik_table, observations):
    rows = [prior]
    for o in observations:
        p = prior * lik_table[:, o]
        rows.append(p / p.sum())
    return np.array(rows)
'''),
        dict(audit=('stability', 'lesson'), why="multiplies all likelihoods and normalises only at the end of each prefix: underflows to 0/0",
             hidden_only=True, code=_POSTERIOR_OK + _DIAG_OK + '''
def sequential_update(prior, lik_table, observations):
    rows = [prior]
    joint = prior.copy()
    for o in observations:
        joint = joint * lik_table[:, o]
        rows.append(joint / joint.sum())
    return np.array(rows)
'''),
        dict(audit="promise", hidden_only=True,
             why="bayes_posterior normalises in place (prior *= likelihood): the caller's prior is overwritten",
             code='''
def bayes_posterior(prior, likelihood):
    prior *= likelihood
    prior /= prior.sum()
    return prior
''' + _DIAG_OK + _SEQ_OK),
    ],
    "log_softmax": [
        dict(audit=('stability', 'lesson'), why="naive log(sum(exp(z))): overflows to inf", hidden_only=False, code='''
def logsumexp(z, axis=-1, keepdims=False):
    return np.log(np.sum(np.exp(z), axis=axis, keepdims=keepdims))
''' + _LOGSOFTMAX_OK + _CE_OK),
        dict(audit=('stability', 'lesson'), why="shifts by one global max instead of the max of each row", hidden_only=True, code='''
def logsumexp(z, axis=-1, keepdims=False):
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=keepdims))
''' + _LOGSOFTMAX_OK + _CE_OK),
        dict(why="subtracts the max but forgets to add it back", hidden_only=False, code='''
def logsumexp(z, axis=-1, keepdims=False):
    m = np.max(z, axis=axis, keepdims=True)
    s = np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
    return s if keepdims else np.squeeze(s, axis=axis)
''' + _LOGSOFTMAX_OK + _CE_OK),
        dict(why="cross-entropy picks the log-probabilities with [:, y] (an N x N block)", hidden_only=True,
             code=_LSE_OK + _LOGSOFTMAX_OK + '''
def cross_entropy(logits, y):
    return float(-np.mean(log_softmax(logits, axis=1)[:, y]))
'''),
        dict(audit='promise', why="cross-entropy sums over the batch instead of averaging", hidden_only=False,
             code=_LSE_OK + _LOGSOFTMAX_OK + '''
def cross_entropy(logits, y):
    return float(-np.sum(log_softmax(logits, axis=1)[np.arange(len(y)), y]))
'''),
        dict(audit='library', why="np.logaddexp.reduce: NumPy's log-sum-exp earns the points of the exercise that implements it",
             hidden_only=True, code='''
def logsumexp(z, axis=-1, keepdims=False):
    out = np.logaddexp.reduce(z, axis=axis)
    return np.expand_dims(out, axis) if keepdims else out
''' + _LOGSOFTMAX_OK + _CE_OK),
        dict(audit="promise", hidden_only=True,
             why="logsumexp ignores keepdims (always squeezes); log_softmax re-expands the axis itself",
             code='''
def logsumexp(z, axis=-1, keepdims=False):
    m = np.max(z, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(z - m), axis=axis))

def log_softmax(z, axis=-1):
    return z - np.expand_dims(logsumexp(z, axis=axis), axis)
''' + _CE_OK),
    ],
    "bce_logits": [
        dict(audit=('stability', 'lesson'), why="forms log(sigmoid(z)): log(0) for large |z|", hidden_only=False, code=_SIGMOID_OK + '''
def bce_with_logits(z, y):
    p = sigmoid(z)
    loss = np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p))
    return float(loss), (p - y) / len(z)
'''),
        dict(audit='stability', why="naive softplus log1p(exp(z)): overflows for z > 709", hidden_only=True, code=_SIGMOID_OK + '''
def bce_with_logits(z, y):
    loss = np.mean(np.log1p(np.exp(z)) - z * y)
    return float(loss), (sigmoid(z) - y) / len(z)
'''),
        dict(why="sigmoid via 0.5 (1 + tanh(z / 2)): no relative accuracy in the lower tail", hidden_only=True, code='''
def sigmoid(z):
    return 0.5 * (1 + np.tanh(np.asarray(z, dtype=float) / 2))
''' + _BCE_OK),
        dict(why="gradient not divided by N", hidden_only=False, code=_SIGMOID_OK + '''
def bce_with_logits(z, y):
    loss = np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))
    return float(loss), sigmoid(z) - y
'''),
        dict(audit=('promise', 'stability'), why="the plain 1 / (1 + exp(-z)): right values, but exp(-z) overflows for z < -709 "
                 "(the docstring promises no overflow; only a warning, which the grader would discard)",
             hidden_only=True, code='''
def sigmoid(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
''' + _BCE_OK),
        dict(audit=('promise', 'stability'), why="negative z as 1 - sigmoid(-z) = 1 - 1 / (1 + e^z): no overflow, but sigmoid(-40) = 0 "
                 "(cancellation loses the relative accuracy in the lower tail)", hidden_only=True, code='''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), 1 - 1 / (1 + e))
''' + _BCE_OK),
    ],
    "logreg": [
        dict(audit=('promise', 'lesson'), why="penalises the bias too", hidden_only=True, code='''
def logreg_loss_grad(w, b, X, y, l2=0.0):
    z = X @ w + b
    loss = np.mean(np.logaddexp(0, z) - y * z) + l2 / 2 * (np.sum(w ** 2) + b ** 2)
    err = sigmoid(z) - y
    return float(loss), X.T @ err / len(y) + l2 * w, float(np.mean(err) + l2 * b)
''' + _LOGREG_GD_OK + _LOGREG_NEWTON_OK),
        dict(audit='lesson', why="gradient with the wrong sign, X^T (y - p)", hidden_only=False, code='''
def logreg_loss_grad(w, b, X, y, l2=0.0):
    z = X @ w + b
    loss = np.mean(np.logaddexp(0, z) - y * z) + l2 / 2 * np.sum(w ** 2)
    err = y - sigmoid(z)
    return float(loss), X.T @ err / len(y) + l2 * w, float(np.mean(err))
''' + _LOGREG_GD_OK + _LOGREG_NEWTON_OK),
        dict(audit='lesson', why="gradient summed instead of averaged over the examples", hidden_only=False, code='''
def logreg_loss_grad(w, b, X, y, l2=0.0):
    z = X @ w + b
    loss = np.mean(np.logaddexp(0, z) - y * z) + l2 / 2 * np.sum(w ** 2)
    err = sigmoid(z) - y
    return float(loss), X.T @ err + l2 * w, float(np.sum(err))
''' + _LOGREG_GD_OK + _LOGREG_NEWTON_OK),
        dict(why="gradient descent never updates the bias", hidden_only=True, code=_LOGREG_LOSS_OK + '''
def train_logreg_gd(X, y, lr=0.5, n_steps=300, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = [logreg_loss_grad(w, b, X, y, l2)[0]]
    for _ in range(n_steps):
        _, dw, db = logreg_loss_grad(w, b, X, y, l2)
        w = w - lr * dw
        losses.append(logreg_loss_grad(w, b, X, y, l2)[0])
    return w, b, np.array(losses)
''' + _LOGREG_NEWTON_OK),
        dict(audit='promise', why="updates w, then computes the bias gradient at the NEW w (not both at the current point)",
             hidden_only=True, code=_LOGREG_LOSS_OK + '''
def train_logreg_gd(X, y, lr=0.5, n_steps=300, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = [logreg_loss_grad(w, b, X, y, l2)[0]]
    for _ in range(n_steps):
        _, dw, _ = logreg_loss_grad(w, b, X, y, l2)
        w = w - lr * dw
        _, _, db = logreg_loss_grad(w, b, X, y, l2)
        b = b - lr * db
        losses.append(logreg_loss_grad(w, b, X, y, l2)[0])
    return w, b, np.array(losses)
''' + _LOGREG_NEWTON_OK),
        dict(why="Newton step with a summed Hessian (no 1/n) but a mean gradient", hidden_only=True,
             code=_LOGREG_LOSS_OK + _LOGREG_GD_OK + '''
def train_logreg_newton(X, y, l2=1e-2, n_iter=15):
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    for _ in range(n_iter):
        p = sigmoid(A @ theta)
        g = A.T @ (p - y) / n + np.append(l2 * theta[:d], 0.0)
        H = A.T @ (A * (p * (1 - p))[:, None]) + np.diag(np.append(np.full(d, l2), 0.0))
        theta = theta - np.linalg.solve(H, g)
    return theta[:d], float(theta[d])
'''),
        dict(audit=("stability", "lesson"), hidden_only=True,
             why="loss as -y log(sigmoid(z)) - (1 - y) log(1 - sigmoid(z)): log(0) = -inf for huge logits",
             code='''
def logreg_loss_grad(w, b, X, y, l2=0.0):
    z = X @ w + b
    p = sigmoid(z)
    loss = np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)) + l2 / 2 * np.sum(w ** 2)
    return float(loss), X.T @ (p - y) / len(y) + l2 * w, float(np.mean(p - y))
''' + _LOGREG_GD_OK + _LOGREG_NEWTON_OK),
    ],
    "gaussian_nb": [
        dict(audit='lesson', why="unbiased (ddof=1) variances", hidden_only=False, code='''
def gnb_fit(X, y, var_smoothing=1e-9):
    classes = np.unique(y)
    eps = var_smoothing * X.var(axis=0).max()
    theta = np.array([X[y == c].mean(axis=0) for c in classes])
    var = np.array([X[y == c].var(axis=0, ddof=1) for c in classes]) + eps
    log_prior = np.log(np.array([np.mean(y == c) for c in classes]))
    return {"classes": classes, "log_prior": log_prior, "theta": theta, "var": var}
''' + _GNB_PROBA_OK + _GNB_PREDICT_OK),
        dict(audit=('stability', 'lesson'), why="multiplies the densities and normalises: 0/0 far from every class", hidden_only=True,
             code=_GNB_FIT_OK + '''
def gnb_predict_log_proba(model, X):
    cols = []
    for k in range(len(model["classes"])):
        mu, var = model["theta"][k], model["var"][k]
        dens = np.exp(-(X - mu) ** 2 / (2 * var)) / np.sqrt(2 * np.pi * var)
        cols.append(np.exp(model["log_prior"][k]) * np.prod(dens, axis=1))
    joint = np.stack(cols, axis=1)
    return np.log(joint / joint.sum(axis=1, keepdims=True))
''' + _GNB_PREDICT_OK),
        dict(why="forgets the class prior in the posterior", hidden_only=True, code=_GNB_FIT_OK + '''
def gnb_predict_log_proba(model, X):
    cols = []
    for k in range(len(model["classes"])):
        mu, var = model["theta"][k], model["var"][k]
        ll = -0.5 * np.log(2 * np.pi * var) - (X - mu) ** 2 / (2 * var)
        cols.append(ll.sum(axis=1))
    jll = np.stack(cols, axis=1)
    m = jll.max(axis=1, keepdims=True)
    return jll - m - np.log(np.exp(jll - m).sum(axis=1, keepdims=True))
''' + _GNB_PREDICT_OK),
        dict(why="no variance smoothing: a feature constant within a class divides by zero", hidden_only=True, code='''
def gnb_fit(X, y, var_smoothing=1e-9):
    classes = np.unique(y)
    theta = np.array([X[y == c].mean(axis=0) for c in classes])
    var = np.array([X[y == c].var(axis=0) for c in classes])
    log_prior = np.log(np.array([np.mean(y == c) for c in classes]))
    return {"classes": classes, "log_prior": log_prior, "theta": theta, "var": var}
''' + _GNB_PROBA_OK + _GNB_PREDICT_OK),
        dict(audit='promise', why="epsilon from each feature's own variance instead of the largest one", hidden_only=True, code='''
def gnb_fit(X, y, var_smoothing=1e-9):
    classes = np.unique(y)
    eps = var_smoothing * X.var(axis=0)
    theta = np.array([X[y == c].mean(axis=0) for c in classes])
    var = np.array([X[y == c].var(axis=0) for c in classes]) + eps
    log_prior = np.log(np.array([np.mean(y == c) for c in classes]))
    return {"classes": classes, "log_prior": log_prior, "theta": theta, "var": var}
''' + _GNB_PROBA_OK + _GNB_PREDICT_OK),
        dict(audit=("stability", "lesson"), hidden_only=True,
             why="normalises the joint log-likelihood without the max shift: log(sum(exp(jll))) = log 0 far from every class",
             code=_GNB_FIT_OK + _GNB_PROBA_OK.replace(
                 "    m = jll.max(axis=1, keepdims=True)\n    return jll - m - np.log(np.exp(jll - m).sum(",
                 "    return jll - np.log(np.exp(jll).sum(") + _GNB_PREDICT_OK),
    ],
    "huber": [
        dict(audit='lesson', why="linear branch delta |r| without the -delta^2 / 2 offset (the loss jumps at |r| = delta)",
             hidden_only=False, code='''
def huber_loss(pred, target, delta=1.0):
    r = pred - target
    loss = np.where(np.abs(r) <= delta, 0.5 * r ** 2, delta * np.abs(r))
    return float(np.mean(loss)), np.clip(r, -delta, delta) / r.size
'''),
        dict(why="gradient clipped at +-1 instead of +-delta", hidden_only=True, code='''
def huber_loss(pred, target, delta=1.0):
    r = pred - target
    loss = np.where(np.abs(r) <= delta, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))
    return float(np.mean(loss)), np.clip(r, -1, 1) / r.size
'''),
        dict(why="gradient not divided by the number of elements", hidden_only=False, code='''
def huber_loss(pred, target, delta=1.0):
    r = pred - target
    loss = np.where(np.abs(r) <= delta, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))
    return float(np.mean(loss)), np.clip(r, -delta, delta)
'''),
        dict(audit='promise', why="gradient divided by len(r), the number of rows, instead of N = r.size (the docstring's any shape)",
             hidden_only=True, code='''
def huber_loss(pred, target, delta=1.0):
    r = pred - target
    loss = np.where(np.abs(r) <= delta, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))
    return float(np.mean(loss)), np.clip(r, -delta, delta) / len(r)
'''),
    ],
    "focal": [
        dict(audit=('promise', 'lesson'), why="treats the modulating factor (1 - p_t)^gamma as a constant in the gradient", hidden_only=True, code='''
def focal_loss(z, y, gamma=2.0):
    s = (2 * y - 1) * z
    log_pt = -np.logaddexp(0, -s)
    w = (1 - np.exp(log_pt)) ** gamma
    p = 1 / (1 + np.exp(-z))
    return float(np.mean(-w * log_pt)), w * (p - y) / len(z)
'''),
        dict(why="uses p = sigmoid(z) for both classes instead of p_t", hidden_only=False, code='''
def focal_loss(z, y, gamma=2.0):
    p = 1 / (1 + np.exp(-z))
    log_p = -np.logaddexp(0, -z)
    loss = -(1 - p) ** gamma * log_p
    dldz = gamma * p * (1 - p) ** gamma * log_p - (1 - p) ** (gamma + 1)
    return float(np.mean(loss)), dldz / len(z)
'''),
        dict(audit=('stability', 'lesson'), why="log(sigmoid) form: log(0) for confident predictions", hidden_only=True, code='''
def focal_loss(z, y, gamma=2.0):
    sgn = 2 * y - 1
    pt = 1 / (1 + np.exp(-sgn * z))
    loss = -(1 - pt) ** gamma * np.log(pt)
    dlds = gamma * pt * (1 - pt) ** gamma * np.log(pt) - (1 - pt) ** (gamma + 1)
    return float(np.mean(loss)), sgn * dlds / len(z)
'''),
    ],
    "label_smoothing": [
        dict(audit=('promise', 'lesson'), why="the other convention: 1 - eps on the true class, eps / (C - 1) on the others", hidden_only=True, code='''
def label_smoothing_ce(logits, y, eps=0.1):
    n, c = logits.shape
    logp = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    q = np.full((n, c), eps / (c - 1))
    q[np.arange(n), y] = 1 - eps
    return float(-np.sum(q * logp) / n), (np.exp(logp) - q) / n
'''),
        dict(why="gradient ignores the smoothing: softmax - onehot", hidden_only=True, code='''
def label_smoothing_ce(logits, y, eps=0.1):
    n, c = logits.shape
    logp = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    q = (1 - eps) * np.eye(c)[y] + eps / c
    return float(-np.sum(q * logp) / n), (np.exp(logp) - np.eye(c)[y]) / n
'''),
        dict(why="sums over the batch instead of averaging", hidden_only=False, code='''
def label_smoothing_ce(logits, y, eps=0.1):
    n, c = logits.shape
    logp = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    q = (1 - eps) * np.eye(c)[y] + eps / c
    return float(-np.sum(q * logp)), np.exp(logp) - q
'''),
        dict(audit='stability', why="shifts by one global max of the batch instead of each row's max", hidden_only=True, code='''
def label_smoothing_ce(logits, y, eps=0.1):
    n, c = logits.shape
    shifted = logits - np.max(logits)
    logp = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    q = (1 - eps) * np.eye(c)[y] + eps / c
    return float(-np.sum(q * logp) / n), (np.exp(logp) - q) / n
'''),
    ],
    "calibration": [
    dict(audit='lesson', why="a plain mean of |acc_b - conf_b| over the non-empty bins instead of weighting by n_b / n",
         hidden_only=True, code=_BINS_OK + '''
def expected_calibration_error(probs, y, n_bins=10):
    correct = np.argmax(probs, axis=1) == y
    acc, conf, count = calibration_bins(probs.max(axis=1), correct, n_bins)
    full = count > 0
    return float(np.mean(np.abs(acc[full] - conf[full])))
'''),
    dict(audit=('promise', 'lesson'), why="left-closed bins floor(c * B) (off by one at the edges: 0.5 lands in the bin above)",
         hidden_only=True, code='''
def calibration_bins(confidence, correct, n_bins=10):
    b = np.minimum(np.floor(confidence * n_bins).astype(int), n_bins - 1)
    count = np.bincount(b, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        acc = np.bincount(b, weights=np.asarray(correct, dtype=float), minlength=n_bins) / count
        conf = np.bincount(b, weights=confidence, minlength=n_bins) / count
    return acc, conf, count
''' + _ECE_OK),
    dict(audit='lesson', why="groups the examples by their true label instead of by confidence bin", hidden_only=False,
         code=_BINS_OK + '''
def expected_calibration_error(probs, y, n_bins=10):
    conf = probs.max(axis=1)
    correct = np.argmax(probs, axis=1) == y
    total = 0.0
    for k in np.unique(y):
        m = y == k
        total += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return float(total)
'''),
    dict(audit='lesson', why="bins the probability of class 1 against the frequency of label 1 (not the top-label confidence)",
         hidden_only=True, code=_BINS_OK + '''
def expected_calibration_error(probs, y, n_bins=10):
    acc, conf, count = calibration_bins(probs[:, 1], y == 1, n_bins)
    full = count > 0
    return float(np.sum(count[full] / len(y) * np.abs(acc[full] - conf[full])))
'''),
    dict(why="one global |accuracy - mean confidence| (no bins: over- and under-confidence cancel)",
         hidden_only=False, code=_BINS_OK + '''
def expected_calibration_error(probs, y, n_bins=10):
    correct = np.argmax(probs, axis=1) == y
    return float(abs(np.mean(correct) - np.mean(probs.max(axis=1))))
'''),
    dict(audit=('promise', 'lesson'), why="np.digitize(c, edges) - 1 with the default right=False: left-closed bins, 1.0 clipped into the last",
         hidden_only=True, code='''
def calibration_bins(confidence, correct, n_bins=10):
    edges = np.linspace(0, 1, n_bins + 1)
    b = np.clip(np.digitize(confidence, edges) - 1, 0, n_bins - 1)
    count = np.bincount(b, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        acc = np.bincount(b, weights=np.asarray(correct, dtype=float), minlength=n_bins) / count
        conf = np.bincount(b, weights=confidence, minlength=n_bins) / count
    return acc, conf, count
''' + _ECE_OK),
    dict(audit="promise", hidden_only=True,
         why="counts accumulated in np.zeros(n_bins), a float array (the docstring promises an int array)",
         code=_BINS_LOOP_OK.replace("np.zeros(n_bins, dtype=int)", "np.zeros(n_bins)") + _ECE_OK),
    ],
    "laplace": [
    dict(audit='lesson', why="plug-in prediction sigmoid(mu): the variance is computed but never used", hidden_only=True,
         code=_LAPLACE_OK + '''
def laplace_predict(X, w, b, cov):
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    mu = A @ np.append(w, b)
    var = np.einsum("ij,jk,ik->i", A, cov, A)
    return sigmoid(mu), mu, var
'''),
    dict(audit='lesson', why="inverts the Hessian of the mean loss J (the Newton Hessian): a covariance n times too large",
         hidden_only=False, code='''
def laplace_logreg(X, y, w, b, l2):
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    p = sigmoid(A @ np.append(w, b))
    H = A.T @ (A * (p * (1 - p))[:, None]) / n + np.diag(np.append(np.full(d, l2), 0.0))
    return np.linalg.inv(H)
''' + _LAPLACE_PREDICT_OK),
    dict(audit='lesson', why="puts the prior on the bias too", hidden_only=True, code='''
def laplace_logreg(X, y, w, b, l2):
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    p = sigmoid(A @ np.append(w, b))
    return np.linalg.inv(A.T @ (A * (p * (1 - p))[:, None]) + n * l2 * np.eye(d + 1))
''' + _LAPLACE_PREDICT_OK),
    dict(audit='lesson', why="the prior precision l2 instead of n * l2 (the penalty read on the summed loss)", hidden_only=False, code='''
def laplace_logreg(X, y, w, b, l2):
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    p = sigmoid(A @ np.append(w, b))
    return np.linalg.inv(A.T @ (A * (p * (1 - p))[:, None]) + np.diag(np.append(np.full(d, l2), 0.0)))
''' + _LAPLACE_PREDICT_OK),
    dict(why="returns the Hessian itself instead of its inverse", hidden_only=False, code='''
def laplace_logreg(X, y, w, b, l2):
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    p = sigmoid(A @ np.append(w, b))
    return A.T @ (A * (p * (1 - p))[:, None]) + np.diag(np.append(np.full(d, n * l2), 0.0))
''' + _LAPLACE_PREDICT_OK),
    dict(audit='lesson', why="the standard deviation in the probit factor: sqrt(1 + pi * sd / 8)", hidden_only=True,
         code=_LAPLACE_OK + '''
def laplace_predict(X, w, b, cov):
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    mu = A @ np.append(w, b)
    var = np.einsum("ij,jk,ik->i", A, cov, A)
    return sigmoid(mu / np.sqrt(1 + np.pi * np.sqrt(var) / 8)), mu, var
'''),
    dict(audit=('promise', 'lesson'), why="the logit variance without the bias: x^T cov[:d, :d] x", hidden_only=False, code=_LAPLACE_OK + '''
def laplace_predict(X, w, b, cov):
    d = X.shape[1]
    mu = X @ w + b
    var = np.einsum("ij,jk,ik->i", X, cov[:d, :d], X)
    return sigmoid(mu / np.sqrt(1 + np.pi * var / 8)), mu, var
'''),
    dict(audit=('promise', 'stability'), why="the naive 1 / (1 + exp(-t)) in the predictive: overflows for very negative logits", hidden_only=True,
         code=_LAPLACE_OK + '''
def laplace_predict(X, w, b, cov):
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    mu = A @ np.append(w, b)
    var = np.einsum("ij,jk,ik->i", A, cov, A)
    return 1 / (1 + np.exp(-mu / np.sqrt(1 + np.pi * var / 8))), mu, var
'''),
    ],
}

ALTERNATIVES = {
    "gaussian": [
        dict(why="samples with rng.multivariate_normal (SVD-based) and computes the MLE by hand",
             code=_LOGPDF_OK + '''
def gaussian_mle(X):
    n = X.shape[0]
    mu = X.sum(axis=0) / n
    return mu, ((X - mu) ** 2).sum(axis=0) / n

def sample_gaussian(rng, mean, cov, n):
    return rng.multivariate_normal(mean, cov, size=n)
'''),
    ],
    "likelihoods": [
        dict(why="one-hot dot product and np.where", code='''
def bernoulli_log_likelihood(y, p):
    return float(np.sum(np.log(np.where(y == 1, p, 1 - p))))

def categorical_log_likelihood(y, P):
    onehot = np.eye(P.shape[1])[y]
    return float(np.sum(onehot * np.log(P)))
'''),
    ],
    "bayes": [
        dict(why="sequential update in log space", code=_POSTERIOR_OK + _DIAG_OK + '''
def sequential_update(prior, lik_table, observations):
    logp = np.log(prior)
    rows = [prior]
    for o in observations:
        logp = logp + np.log(lik_table[:, o])
        logp = logp - np.max(logp)
        p = np.exp(logp)
        rows.append(p / p.sum())
    return np.array(rows)
'''),
    ],
    "log_softmax": [
        dict(why="the reduced axis moved last with np.moveaxis, a one-hot cross-entropy", code='''
def logsumexp(z, axis=-1, keepdims=False):
    zt = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    m = zt.max(axis=-1)
    e = np.exp(zt - m[..., None])
    out = m + np.log(e.sum(axis=-1))
    return np.expand_dims(out, axis) if keepdims else out

def log_softmax(z, axis=-1):
    return z - logsumexp(z, axis=axis, keepdims=True)

def cross_entropy(logits, y):
    onehot = np.eye(logits.shape[1])[y]
    return float(-np.mean(np.sum(onehot * log_softmax(logits, axis=1), axis=1)))
'''),
    ],
    "bce_logits": [
        dict(why="np.logaddexp for the softplus and np.where for the sigmoid", code='''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

def bce_with_logits(z, y):
    loss = np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))
    return float(loss), (sigmoid(z) - y) / len(z)
'''),
    ],
    "logreg": [
        dict(why="block Hessian Newton with an explicit bias and a GD loop that records after each step",
             code=_LOGREG_LOSS_OK + _LOGREG_GD_OK + _LOGREG_NEWTON_OK),
    ],
    "gaussian_nb": [
        dict(why="loop over classes", code=_GNB_FIT_OK + _GNB_PROBA_OK + _GNB_PREDICT_OK),
    ],
    "huber": [
        dict(why="masks instead of np.where", code='''
def huber_loss(pred, target, delta=1.0):
    r = pred - target
    small = np.abs(r) <= delta
    loss = np.empty_like(r)
    loss[small] = 0.5 * r[small] ** 2
    loss[~small] = delta * np.abs(r[~small]) - 0.5 * delta ** 2
    grad = np.where(small, r, delta * np.sign(r))
    return float(loss.mean()), grad / r.size
'''),
    ],
    "focal": [
        dict(why="derivative through p = sigmoid(z) for each class separately", code='''
def focal_loss(z, y, gamma=2.0):
    log_p = -np.logaddexp(0, -z)
    log_1mp = -np.logaddexp(0, z)
    p, q = np.exp(log_p), np.exp(log_1mp)
    loss_pos = -(q ** gamma) * log_p
    loss_neg = -(p ** gamma) * log_1mp
    d_pos = gamma * p * q ** gamma * log_p - q ** (gamma + 1)
    d_neg = -(gamma * q * p ** gamma * log_1mp - p ** (gamma + 1))
    loss = np.where(y == 1, loss_pos, loss_neg)
    grad = np.where(y == 1, d_pos, d_neg)
    return float(loss.mean()), grad / len(z)
'''),
    ],
    "label_smoothing": [
        dict(why="mixes the cross-entropy with the uniform-target loss", code='''
def label_smoothing_ce(logits, y, eps=0.1):
    n, c = logits.shape
    logp = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    nll = -logp[np.arange(n), y]
    uniform = -logp.mean(axis=1)
    loss = np.mean((1 - eps) * nll + eps * uniform)
    q = (1 - eps) * np.eye(c)[y] + eps / c
    return float(loss), (np.exp(logp) - q) / n
'''),
    ],
    "calibration": [
    dict(why="a loop over the bins with boolean masks", code=_BINS_LOOP_OK + '''
def expected_calibration_error(probs, y, n_bins=10):
    acc, conf, count = calibration_bins(probs.max(axis=1), np.argmax(probs, axis=1) == y, n_bins)
    return float(np.nansum(count * np.abs(acc - conf)) / count.sum())
'''),
    ],
    "laplace": [
    dict(why="np.linalg.solve against the identity and a loop over the new inputs", code='''
def laplace_logreg(X, y, w, b, l2):
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)])
    z = A @ np.concatenate([w, [b]])
    s = np.exp(-np.logaddexp(0, -z)) * np.exp(-np.logaddexp(0, z))
    H = (A.T * s) @ A
    H[np.arange(d), np.arange(d)] += n * l2
    return np.linalg.solve(H, np.eye(d + 1))

def laplace_predict(X, w, b, cov):
    m = X.shape[0]
    mu, var = np.zeros(m), np.zeros(m)
    for i in range(m):
        a = np.append(X[i], 1.0)
        mu[i] = a[:-1] @ w + b
        var[i] = a @ cov @ a
    t = mu / np.sqrt(1 + np.pi * var / 8)
    return np.exp(-np.logaddexp(0, -t)), mu, var
'''),
    ],
}


# Issue 13's four classes where no wrong answer of that class can exist (one line each, checkable).
NOT_APPLICABLE = {
    "gaussian": {"library": "only NumPy is installed (no scipy.stats), which has no Gaussian log-density; np.mean/np.var "
                            "(the docstring allows them), np.linalg.cholesky and rng.multivariate_normal (the docstring "
                            "accepts it) are building blocks: the exercise is sigma vs variance, ddof=0, rows times L^T"},
    "likelihoods": {"library": "only NumPy is installed (no scipy.stats log-pmf) and NumPy has no likelihood routine: "
                               "the exercise is picking P[i, y[i]] and summing logs"},
    "bayes": {"library": "no installed library applies Bayes' rule (NumPy only, no scipy): the answer is one product, "
                         "one normalisation and a loop"},
    "bce_logits": {"library": "NumPy has no sigmoid (scipy.special.expit is not installed); np.logaddexp(0, z), a stable "
                              "softplus, is allowed for the loss and the docstring says so: the exercise is the stable form"},
    "logreg": {"library": "NumPy has no logistic regression (scikit-learn and scipy.optimize are not installed); "
                          "np.linalg.solve for the Newton system is expected and the docstring accepts any method "
                          "that reaches the minimiser"},
    "gaussian_nb": {"library": "scikit-learn (GaussianNB) is not installed and NumPy has no naive Bayes: np.unique and "
                               "np.var are the building blocks"},
    "huber": {"stability": "a piecewise quadratic/linear polynomial of r = pred - target: no exp, log or division by a "
                           "small number; delta (|r| - delta/2) and delta |r| - delta^2/2 agree to rounding",
              "library": "scipy.special.huber is not installed and NumPy has no Huber loss: np.where and np.clip are "
                         "the building blocks"},
    "focal": {"library": "torch/torchvision (sigmoid_focal_loss) and scipy are not installed; NumPy has no focal loss"},
    "label_smoothing": {"library": "torch (F.cross_entropy(label_smoothing=...)) is not installed and NumPy has no "
                                   "cross-entropy; np.logaddexp for the log-softmax is allowed outside the log_softmax "
                                   "exercise (its docstring says so)"},
    "calibration": {"stability": "counts and means of values in [0, 1]: no exp/log and no subtraction of near-equal large "
                                 "numbers (|acc_b - conf_b| is the quantity itself, not a cancellation)",
                    "library": "no installed library computes reliability bins or an ECE (scikit-learn's calibration_curve "
                               "is not installed); np.searchsorted/np.digitize/np.bincount are building blocks and the "
                               "pinned right-closed edges are what is graded"},
    "laplace": {"library": "no installed library builds a Laplace posterior; np.linalg.inv (or solve) for the inverse is "
                           "allowed and the docstring says so: the exercise is which Hessian (n J, flat prior on the bias)"},
}
