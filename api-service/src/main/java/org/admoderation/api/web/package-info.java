/**
 * The API's web plumbing shared by its features: the one problem-details advice and the
 * {@link org.admoderation.api.web.ApiProblem} the features' exceptions extend, strict
 * JSON readers, the request-body limit and the OpenAPI description.
 */
@NullMarked
package org.admoderation.api.web;

import org.jspecify.annotations.NullMarked;
