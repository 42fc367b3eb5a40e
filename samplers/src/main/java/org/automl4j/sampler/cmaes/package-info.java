/**
 * CMA-ES (Hansen 2016) as a relative sampler: full or separable covariance, IPOP/BIPOP restarts,
 * the margin correction for integer and stepped parameters (Hamano et al. 2022) and warm starting
 * from earlier trials (Nomura et al. 2021). Categorical and conditional parameters are left to an
 * inner TPE sampler. Entry point: {@link org.automl4j.sampler.cmaes.CmaEsSampler}.
 */
package org.automl4j.sampler.cmaes;
