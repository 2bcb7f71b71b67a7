"""Recorded wrong answers and accepted alternatives for 07_advanced_gnn/gnn.ipynb (instructor-only)."""

WRONG = {
    "adjacency_matrix": [
        dict(why="sets only A[i, j], not A[j, i]: a directed (non-symmetric) matrix", hidden_only=False, audit='lesson', code='''
def adjacency_matrix(edges, n):
    A = np.zeros((n, n))
    A[edges[:, 0], edges[:, 1]] = 1.0
    return A
'''),
        dict(why="counts repeated edges (A[i, j] += 1): entries of 2 for an edge listed twice", hidden_only=True, audit=('lesson', 'promise'), code='''
def adjacency_matrix(edges, n):
    A = np.zeros((n, n))
    for i, j in edges:
        A[i, j] += 1.0
        A[j, i] += 1.0
    return A
'''),
        dict(why="infers the number of nodes from the largest id instead of using n (drops trailing isolated nodes)",
             hidden_only=False, audit='promise', code='''
def adjacency_matrix(edges, n):
    m = int(edges.max()) + 1
    A = np.zeros((m, m))
    A[edges[:, 0], edges[:, 1]] = 1.0
    A[edges[:, 1], edges[:, 0]] = 1.0
    return A
'''),
        dict(why="an int matrix (np.zeros((n, n), dtype=int)): the docstring promises float64", hidden_only=True,
             audit="promise", code='''
def adjacency_matrix(edges, n):
    A = np.zeros((n, n), dtype=int)
    A[edges[:, 0], edges[:, 1]] = 1
    A[edges[:, 1], edges[:, 0]] = 1
    return A
'''),
    ],
    "degree_and_laplacian": [
        dict(why="sign flipped: L = A - D", hidden_only=False, code='''
def degree_and_laplacian(A):
    d = A.sum(axis=1)
    return d, A - np.diag(d)
'''),
        dict(why="degree = number of neighbours (count_nonzero) instead of the sum of the weights", hidden_only=True, audit='lesson', code='''
def degree_and_laplacian(A):
    d = np.count_nonzero(A, axis=1).astype(np.float64)
    return d, np.diag(d) - A
'''),
        dict(why="builds L in the caller's A (L = A; L *= -1; diagonal := d): A is destroyed", hidden_only=True,
             audit=("promise", "lesson"), code='''
def degree_and_laplacian(A):
    d = A.sum(axis=1)
    L = A
    L *= -1.0
    L[np.diag_indices_from(L)] = d
    return d, L
'''),
    ],
    "fiedler_vector": [
        dict(why="takes a ROW of eigh's eigenvector matrix (vecs[1]) instead of the column vecs[:, 1]", hidden_only=False, audit='lesson', code='''
def fiedler_vector(L):
    vals, vecs = np.linalg.eigh(L)
    return float(vals[1]), vecs[1]
'''),
        dict(why="takes the smallest eigenpair: eigenvalue 0 and the constant vector", hidden_only=False, audit='lesson', code='''
def fiedler_vector(L):
    vals, vecs = np.linalg.eigh(L)
    return float(vals[0]), vecs[:, 0]
'''),
        dict(why="takes the LARGEST eigenpair, as for PCA (an eigenpair orthogonal to 1, but not lambda_2)",
             hidden_only=True, audit='lesson', code='''
def fiedler_vector(L):
    vals, vecs = np.linalg.eigh(L)
    return float(vals[-1]), vecs[:, -1]
'''),
        dict(why="returns lam2 as a length-1 array vals[1:2] instead of a float (breaks f'{lam2:.4f}')", hidden_only=True,
             audit="promise", code='''
def fiedler_vector(L):
    vals, vecs = np.linalg.eigh(L)
    return vals[1:2], vecs[:, 1]
'''),
        dict(why="'the smallest positive eigenvalue': eigh returns the eigenvalue 0 as +-1e-16, and +1e-16 > 0 picks the "
                 "constant vector", hidden_only=False, audit=("stability", "lesson"), code='''
def fiedler_vector(L):
    vals, vecs = np.linalg.eigh(L)
    i = np.where(vals > 0)[0][0]
    return float(vals[i]), vecs[:, i]
'''),
    ],
    "normalized_adjacency": [
        dict(why="forgets the self-loops: D^-1/2 A D^-1/2", hidden_only=False, audit='lesson', code='''
def normalized_adjacency(A):
    s = 1.0 / np.sqrt(A.sum(axis=1))
    return A * s[:, None] * s[None, :]
'''),
        dict(why="row normalisation D~^-1 (A + I) instead of the symmetric D~^-1/2 (A + I) D~^-1/2", hidden_only=True, audit='lesson', code='''
def normalized_adjacency(A):
    At = A + np.eye(A.shape[0])
    return At / At.sum(axis=1, keepdims=True)
'''),
        dict(why="adds the self-loops but normalises with the degrees of A (without the +1)", hidden_only=False, audit='lesson', code='''
def normalized_adjacency(A):
    At = A + np.eye(A.shape[0])
    s = 1.0 / np.sqrt(A.sum(axis=1))
    return At * s[:, None] * s[None, :]
'''),
        dict(why="adds the self-loops in place (A += I): the caller's adjacency matrix gains a diagonal", hidden_only=True,
             audit=("promise", "lesson"), code='''
def normalized_adjacency(A):
    A += np.eye(A.shape[0])
    s = 1.0 / np.sqrt(A.sum(axis=1))
    return A * s[:, None] * s[None, :]
'''),
    ],
    "gcn_forward": [
        dict(why="propagates only in the first layer: S = relu(A_hat X W1 + b1) W2 + b2", hidden_only=True, audit='lesson', code='''
def gcn_forward(params, A_hat, X):
    AX = A_hat @ X
    Z1 = AX @ params["W1"] + params["b1"]
    H = np.maximum(Z1, 0.0)
    S = H @ params["W2"] + params["b2"]
    return S, (AX, Z1, H, A_hat, params)
'''),
        dict(why="adds the biases before propagating: A_hat (X W1 + b1), A_hat (H W2 + b2)", hidden_only=True, audit='promise', code='''
def gcn_forward(params, A_hat, X):
    AX = A_hat @ X
    Z1 = A_hat @ (X @ params["W1"] + params["b1"])
    H = np.maximum(Z1, 0.0)
    AH = A_hat @ H
    S = A_hat @ (H @ params["W2"] + params["b2"])
    return S, (AX, Z1, AH, A_hat, params)
'''),
        dict(why="forgets the ReLU between the layers (the network collapses to a linear map)", hidden_only=False, code='''
def gcn_forward(params, A_hat, X):
    AX = A_hat @ X
    Z1 = AX @ params["W1"] + params["b1"]
    AH = A_hat @ Z1
    S = AH @ params["W2"] + params["b2"]
    return S, (AX, Z1, AH, A_hat, params)
'''),
    ],
    "gcn_backward": [
        dict(why="forgets A_hat^T when backpropagating into the hidden layer: dH = dS W2^T", hidden_only=True, audit='lesson', code='''
def gcn_backward(dS, cache):
    AX, Z1, AH, A_hat, params = cache
    dW2 = AH.T @ dS
    db2 = dS.sum(axis=0)
    dH = dS @ params["W2"].T
    dZ1 = dH * (Z1 > 0)
    return {"W1": AX.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": dW2, "b2": db2}
'''),
        dict(why="ReLU mask taken from the incoming gradient (dH > 0) instead of the pre-activation (Z1 > 0)",
             hidden_only=True, code='''
def gcn_backward(dS, cache):
    AX, Z1, AH, A_hat, params = cache
    dW2 = AH.T @ dS
    db2 = dS.sum(axis=0)
    dH = A_hat.T @ (dS @ params["W2"].T)
    dZ1 = dH * (dH > 0)
    return {"W1": AX.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": dW2, "b2": db2}
'''),
        dict(why="bias gradients averaged over the nodes instead of summed", hidden_only=True, audit='lesson', code='''
def gcn_backward(dS, cache):
    AX, Z1, AH, A_hat, params = cache
    dW2 = AH.T @ dS
    db2 = dS.mean(axis=0)
    dH = A_hat.T @ (dS @ params["W2"].T)
    dZ1 = dH * (Z1 > 0)
    return {"W1": AX.T @ dZ1, "b1": dZ1.mean(axis=0), "W2": dW2, "b2": db2}
'''),
        dict(why="no chain rule: central differences of a re-computed forward pass with the given numerical_gradient "
                 "(agrees to ~1e-9, inside the gradient check's 1e-7)", hidden_only=True, audit="library", code='''
def gcn_backward(dS, cache):
    AX, Z1, AH, A_hat, params = cache
    def f():
        H = np.maximum(AX @ params["W1"] + params["b1"], 0.0)
        return float(np.sum((A_hat @ H @ params["W2"] + params["b2"]) * dS))
    return {k: numerical_gradient(f, params[k]) for k in ("W1", "b1", "W2", "b2")}
'''),
        dict(why="bias gradients with keepdims=True: shape (1, K) instead of the parameter's (K,)", hidden_only=False,
             audit="promise", code='''
def gcn_backward(dS, cache):
    AX, Z1, AH, A_hat, params = cache
    dH = A_hat.T @ (dS @ params["W2"].T)
    dZ1 = dH * (Z1 > 0)
    return {"W1": AX.T @ dZ1, "b1": dZ1.sum(axis=0, keepdims=True),
            "W2": AH.T @ dS, "b2": dS.sum(axis=0, keepdims=True)}
'''),
    ],
    "train_gcn": [
        dict(why="ignores seed: always initializes with default_rng(0)", hidden_only=True, audit='promise', code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(0), X.shape[1], n_hidden, 2)
    opt = Adam(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dlab = softmax_cross_entropy(S[labelled], y[labelled])
        dS = np.zeros_like(S)
        dS[labelled] = dlab
        opt.step(gcn_backward(dS, cache))
        losses.append(loss)
    return params, losses
'''),
        dict(why="records the loss after the step's update instead of before it", hidden_only=True, audit='promise', code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(seed), X.shape[1], n_hidden, 2)
    opt = Adam(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dlab = softmax_cross_entropy(S[labelled], y[labelled])
        dS = np.zeros_like(S)
        dS[labelled] = dlab
        opt.step(gcn_backward(dS, cache))
        S_after, _ = gcn_forward(params, A_hat, X)
        losses.append(softmax_cross_entropy(S_after[labelled], y[labelled])[0])
    return params, losses
'''),
        dict(why="label leakage: the loss uses every node's label, not only the labelled ones", hidden_only=True, audit='lesson', code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(seed), X.shape[1], n_hidden, 2)
    opt = Adam(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dS = softmax_cross_entropy(S, y)
        opt.step(gcn_backward(dS, cache))
        losses.append(loss)
    return params, losses
'''),
        dict(why="steps along +gradient: passes the negated gradients to Adam (gradient ascent)", hidden_only=False, code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(seed), X.shape[1], n_hidden, 2)
    opt = Adam(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dlab = softmax_cross_entropy(S[labelled], y[labelled])
        dS = np.zeros_like(S)
        dS[labelled] = -dlab
        opt.step(gcn_backward(dS, cache))
        losses.append(loss)
    return params, losses
'''),
        dict(why="writes the labelled nodes' gradient into the first rows of dS (dS[:2]) instead of the labelled rows",
             hidden_only=False, code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(seed), X.shape[1], n_hidden, 2)
    opt = Adam(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dlab = softmax_cross_entropy(S[labelled], y[labelled])
        dS = np.zeros_like(S)
        dS[:len(labelled)] = dlab
        opt.step(gcn_backward(dS, cache))
        losses.append(loss)
    return params, losses
'''),
        dict(why="Adam(params) without lr=lr: Adam's default 1e-3 instead of the lr argument", hidden_only=True,
             audit="promise", code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(seed), X.shape[1], n_hidden, 2)
    opt = Adam(params)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dlab = softmax_cross_entropy(S[labelled], y[labelled])
        dS = np.zeros_like(S)
        dS[labelled] = dlab
        opt.step(gcn_backward(dS, cache))
        losses.append(loss)
    return params, losses
'''),
        dict(why="input width X.shape[0] (the number of nodes) instead of X.shape[1]: right only for X = I", hidden_only=True,
             audit="promise", code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(seed), X.shape[0], n_hidden, 2)
    opt = Adam(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dlab = softmax_cross_entropy(S[labelled], y[labelled])
        dS = np.zeros_like(S)
        dS[labelled] = dlab
        opt.step(gcn_backward(dS, cache))
        losses.append(loss)
    return params, losses
'''),
    ],
    "knn_graph_distances": [
        dict(why="stops at the k-NN edge lengths: no shortest paths (inf between non-neighbours)", hidden_only=False, code='''
def knn_graph_distances(X, k):
    N = X.shape[0]
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    order = np.argsort(D, axis=1)[:, 1:k + 1]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], order] = True
    E = E | E.T
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    return G
'''),
        dict(why="directed k-NN graph (not symmetrised): distances are not symmetric", hidden_only=True, audit='lesson', code='''
def knn_graph_distances(X, k):
    N = X.shape[0]
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    order = np.argsort(D, axis=1)[:, 1:k + 1]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], order] = True
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    for m in range(N):
        G = np.minimum(G, G[:, m:m + 1] + G[m:m + 1, :])
    return G
'''),
        dict(why="counts each point as its own nearest neighbour (argsort[:, :k]): only k - 1 real neighbours",
             hidden_only=True, audit='lesson', code='''
def knn_graph_distances(X, k):
    N = X.shape[0]
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    order = np.argsort(D, axis=1)[:, :k]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], order] = True
    E = E | E.T
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    for m in range(N):
        G = np.minimum(G, G[:, m:m + 1] + G[m:m + 1, :])
    return G
'''),
        dict(why="mutual k-NN graph (an edge only if EACH is among the other's k nearest; the docstring says OR)",
             hidden_only=True, audit='promise', code='''
def knn_graph_distances(X, k):
    N = X.shape[0]
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    order = np.argsort(D + np.diag(np.full(N, np.inf)), axis=1)[:, :k]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], order] = True
    E = E & E.T
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    for m in range(N):
        G = np.minimum(G, G[:, m:m + 1] + G[m:m + 1, :])
    return G
'''),
        dict(why="returns the straight-line (chord) distances, ignoring the graph", hidden_only=True, code='''
def knn_graph_distances(X, k):
    return np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
'''),
        dict(why="squared distances by the expansion |x|^2 + |y|^2 - 2 x.y: catastrophic cancellation for points far "
                 "from the origin (relative error ~1e-6 at 3e4)", hidden_only=True, audit="stability", code='''
def knn_graph_distances(X, k):
    N = X.shape[0]
    sq = (X ** 2).sum(axis=1)
    D = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * X @ X.T, 0.0))
    order = np.argsort(D + np.diag(np.full(N, np.inf)), axis=1)[:, :k]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], order] = True
    E = E | E.T
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    for m in range(N):
        G = np.minimum(G, G[:, m:m + 1] + G[m:m + 1, :])
    return G
'''),
    ],
    "laplacian_eigenmap": [
        dict(why="returns the eigenvectors U of L_sym without the D^-1/2 rescaling (right on a regular graph, "
                 "where D is a multiple of I; wrong on the karate club)", hidden_only=True, audit='lesson', code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    s = 1.0 / np.sqrt(d)
    mu, U = np.linalg.eigh(np.eye(A.shape[0]) - A * s[:, None] * s[None, :])
    return mu[1:k + 1], U[:, 1:k + 1]
'''),
        dict(why="normalises every ROW to unit length (the Ng-Jordan-Weiss step of spectral clustering), which is "
                 "not the eigenmap: Y^T D Y = I and L y = mu D y fail", hidden_only=True, audit='lesson', code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    s = 1.0 / np.sqrt(d)
    mu, U = np.linalg.eigh(np.eye(A.shape[0]) - A * s[:, None] * s[None, :])
    Y = U[:, 1:k + 1]
    return mu[1:k + 1], Y / np.linalg.norm(Y, axis=1, keepdims=True)
'''),
        dict(why="keeps the trivial eigenvector (columns 0..k-1): eigenvalue 0 and a constant coordinate", hidden_only=False, audit='lesson', code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    s = 1.0 / np.sqrt(d)
    mu, U = np.linalg.eigh(np.eye(A.shape[0]) - A * s[:, None] * s[None, :])
    return mu[:k], U[:, :k] * s[:, None]
'''),
        dict(why="eigenvectors of the combinatorial Laplacian D - A instead of the normalized one", hidden_only=False, audit='lesson', code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    mu, U = np.linalg.eigh(np.diag(d) - A)
    return mu[1:k + 1], U[:, 1:k + 1]
'''),
        dict(why="takes the LARGEST eigenvalues (eigh sorts ascending)", hidden_only=False, code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    s = 1.0 / np.sqrt(d)
    mu, U = np.linalg.eigh(np.eye(A.shape[0]) - A * s[:, None] * s[None, :])
    return mu[::-1][:k], U[:, ::-1][:, :k] * s[:, None]
'''),
        dict(why="scales each column to unit Euclidean length (Y^T Y = I) instead of Y^T D Y = I (right only up to "
                 "a factor on a regular graph: the 8-cycle's circle has the wrong radius)", hidden_only=True,
             audit="promise", code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    s = 1.0 / np.sqrt(d)
    mu, U = np.linalg.eigh(np.eye(A.shape[0]) - A * s[:, None] * s[None, :])
    Y = U[:, 1:k + 1] * s[:, None]
    return mu[1:k + 1], Y / np.linalg.norm(Y, axis=0)
'''),
        dict(why="eigh of the non-symmetric D^-1 L (the lesson: eigh silently reads one triangle); right on a regular "
                 "graph, wrong on the karate club", hidden_only=True, audit="lesson", code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    mu, V = np.linalg.eigh((np.diag(d) - A) / d[:, None])
    Y = V[:, 1:k + 1]
    Y = Y / np.sqrt((d[:, None] * Y ** 2).sum(axis=0))
    return mu[1:k + 1], Y
'''),
    ],
}

ALTERNATIVES = {
    "adjacency_matrix": [
        dict(why="a Python loop over the edge list", code='''
def adjacency_matrix(edges, n):
    A = np.zeros((n, n), dtype=np.float64)
    for i, j in edges:
        A[i, j] = A[j, i] = 1.0
    return A
'''),
    ],
    "degree_and_laplacian": [
        dict(why="degrees as A @ 1 and L built by overwriting the diagonal of -A", code='''
def degree_and_laplacian(A):
    d = A @ np.ones(A.shape[0])
    L = -A.copy()
    L[np.diag_indices_from(L)] = d
    return d, L
'''),
    ],
    "fiedler_vector": [
        dict(why="returns -v (the other sign) and normalises explicitly", code='''
def fiedler_vector(L):
    vals, vecs = np.linalg.eigh(L)
    v = -vecs[:, 1]
    return vals[1].item(), v / np.linalg.norm(v)
'''),
    ],
    "normalized_adjacency": [
        dict(why="explicit diagonal matrices D~^-1/2 @ (A + I) @ D~^-1/2", code='''
def normalized_adjacency(A):
    At = A + np.eye(len(A))
    D_inv_sqrt = np.diag(At.sum(axis=0) ** -0.5)
    return D_inv_sqrt @ At @ D_inv_sqrt
'''),
    ],
    "gcn_forward": [
        dict(why="multiplies by the weights first: A_hat (X W1), A_hat (H W2)", code='''
def gcn_forward(params, A_hat, X):
    Z1 = A_hat @ (X @ params["W1"]) + params["b1"]
    H = np.maximum(Z1, 0.0)
    S = A_hat @ (H @ params["W2"]) + params["b2"]
    return S, (A_hat @ X, Z1, A_hat @ H, A_hat, params)
'''),
    ],
    "knn_graph_distances": [
        dict(why="Dijkstra from every source with heapq over the neighbour lists", code='''
def knn_graph_distances(X, k):
    import heapq
    N = X.shape[0]
    D = np.linalg.norm(X[:, None, :] - X[None, :, :], axis=-1)
    nbrs = [set() for _ in range(N)]
    for i in range(N):
        for j in np.argsort(D[i])[1:k + 1]:
            nbrs[i].add(int(j))
            nbrs[int(j)].add(i)
    G = np.full((N, N), np.inf)
    for s in range(N):
        G[s, s] = 0.0
        heap = [(0.0, s)]
        while heap:
            g, u = heapq.heappop(heap)
            if g > G[s, u]:
                continue
            for v in nbrs[u]:
                if g + D[u, v] < G[s, v]:
                    G[s, v] = g + D[u, v]
                    heapq.heappush(heap, (G[s, v], v))
    return G
'''),
    ],
    "laplacian_eigenmap": [
        dict(why="generalised problem L y = mu D y through explicit D^-1/2 matrices, signs flipped", code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    Dm = np.diag(d ** -0.5)
    mu, U = np.linalg.eigh(Dm @ (np.diag(d) - A) @ Dm)
    return mu[1:k + 1], -(Dm @ U[:, 1:k + 1])
'''),
    ],
}

# Classes of weak test (issue 13) that cannot apply to an answer cell, with the reason.
NOT_APPLICABLE = {
    "adjacency_matrix": {
        "stability": "0/1 entries written by indexing: no arithmetic at all",
        "library": "NumPy has no edge-list-to-adjacency routine and scipy/networkx are not in the course "
                   "environment (requirements.txt); the exercise is the fancy indexing itself",
    },
    "degree_and_laplacian": {
        "stability": "row sums of nonnegative entries and diag(d) - A: no exp/log/division, no subtraction of "
                     "near-equal values (off-diagonal entries are exactly -A)",
        "library": "NumPy has no Laplacian routine and scipy (csgraph.laplacian) / networkx are not in the course "
                   "environment (requirements.txt); np.diag and a sum are the exercise",
    },
    "fiedler_vector": {
        "library": "the docstring says np.linalg.eigh is the tool; the exercise is picking the eigenpair (column 1 "
                   "of the ascending order), which no library routine does for you in this environment",
    },
    "normalized_adjacency": {
        "stability": "dt >= 1 thanks to the self-loop (no division by zero); entries are quotients of small "
                     "integers' square roots, a few ulps each, no subtraction",
        "library": "NumPy has no GCN normalisation (torch_geometric's gcn_norm is not in the course environment); "
                   "explicit diagonal matrices (np.diag) are allowed and recorded as an alternative",
    },
    "gcn_forward": {
        "stability": "four matrix products, a maximum and two bias additions: no exp/log/division or cancellation",
        "library": "plain NumPy course: no deep-learning library (torch, torch_geometric) is in the environment; "
                   "the products are the exercise and @ is allowed",
    },
    "gcn_backward": {
        "stability": "products, column sums and a 0/1 mask: no exp/log/division or cancellation (ReLU's kink is "
                     "a convention, kept away from by the tests' inputs)",
    },
    "train_gcn": {
        "stability": "the docstring prescribes the given shifted softmax_cross_entropy and Adam; the student's loop "
                     "has no exp/log/division of its own and training logits stay O(10)",
        "library": "init_gcn_params, Adam, softmax_cross_entropy are given and prescribed by the docstring; the "
                   "exercise is the loop (mask, order, seed), which no routine provides",
    },
    "knn_graph_distances": {
        "library": "NumPy has no k-NN graph or shortest-path routine and scipy/sklearn (csgraph.shortest_path, "
                   "kneighbors_graph) are not in the course environment (requirements.txt); any hand-written "
                   "shortest paths (Floyd-Warshall, Dijkstra) are accepted",
    },
    "laplacian_eigenmap": {
        "stability": "eigh of the symmetric L_sym is backward stable and degrees are > 0 (connected); the one "
                     "ill-conditioned quantity, single eigenvectors of a repeated eigenvalue, is why the tests "
                     "compare subspaces (12-cycle, k = 4)",
        "library": "the docstring says np.linalg.eigh is the tool; the exercise is the normalisation, the D^-1/2 "
                   "and the choice of columns 1..k",
    },
}
