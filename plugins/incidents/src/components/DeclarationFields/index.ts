export {
  ImpactFields,
  SeverityField,
  TitleField,
  titleProblem,
  TITLE_MAX_LENGTH,
} from './DeclarationFields';
