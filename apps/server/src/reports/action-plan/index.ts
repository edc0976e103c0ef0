/** The action-plan report (PDF and XLSX) of a unit's annual plan. */
export { renderActionPlanPdf, renderActionPlanXlsx } from './render.js';
export { actionPlanView, type ActionPlanView } from './view-model.js';
