/**
 * The model the worker scores with: where it comes from
 * ({@link org.admoderation.worker.scoring.ModelSource}: the bundled file, MLflow, or
 * MLflow with the bundled file as fallback), its loading and closing, and its health. The
 * MLflow side sits behind the {@link org.admoderation.worker.scoring.ModelRegistration}
 * port so that this package does not depend on {@code mlflow}.
 */
@NullMarked
package org.admoderation.worker.scoring;

import org.jspecify.annotations.NullMarked;
