"""Column-major coefficients predict exactly as before."""

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from bot.linear_model import fast_coefficients


def test_fast_coefficients_keep_every_prediction():
    rng = np.random.default_rng(0)
    X = sp.random(200, 5000, density=0.01, format="csr", random_state=1)
    y = rng.integers(0, 5, 200)
    model = LogisticRegression(max_iter=500).fit(X, y)
    before = model.predict_proba(X)
    fast_coefficients(model)
    assert model.coef_.flags.f_contiguous
    assert np.array_equal(model.predict_proba(X), before)
    fast_coefficients(LogisticRegression())  # unfitted: nothing to do, no error
