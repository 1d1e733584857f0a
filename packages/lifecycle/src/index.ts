export { initialStanding, type Standing, step } from './state-machine.ts';
export { type Arrived, type Change, type Decision, decide, foldTimeline, inOrder, type ReportResult } from './timeline.ts';
export { type ApplyOptions, type ApplyResult, applyEach, applyReports, type Delivered, type Refusal } from './apply.ts';
export { lifecycleOf } from './view.ts';
