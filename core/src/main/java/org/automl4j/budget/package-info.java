/**
 * Budgets for multi-fidelity optimisation: the resource a trial spends (epochs, a fraction of the
 * training data, wall time) and its mapping to the integer step axis that pruners work on.
 * {@link org.automl4j.budget.Budget} is the sealed family; pruners built from a budget
 * ({@code Pruners.successiveHalving(Budget, int)}, {@code Pruners.hyperband(Budget, int)}) place
 * their rungs in the budget's unit, and {@code Trial.reportAt} / {@code Trial.budgetSchedule}
 * let an objective speak that unit.
 */
package org.automl4j.budget;
