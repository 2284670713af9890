export { ImpactFields, SeverityField, TitleField } from './DeclarationFields';
