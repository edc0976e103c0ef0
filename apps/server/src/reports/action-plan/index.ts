/** The action-plan report (PDF and XLSX) of a unit's annual plan. */
export {
  actionPlanReportFile,
  renderActionPlanPdf,
  renderActionPlanXlsx,
  type ActionPlanFile,
  type ActionPlanFormat,
} from './render.js';
export { actionPlanView, type ActionPlanView } from './view-model.js';
