import { Entity } from '@backstage/catalog-model';
import { CatalogApi } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import { AutocompleteRenderInputParams } from '@material-ui/lab/Autocomplete';

/** How many search results a picker offers. */
const SEARCH_LIMIT = 20;

/** The catalog entities of `kinds` whose name, title or display name match `term`, by name. */
export async function searchPickerEntities(
  catalogApi: CatalogApi,
  options: { kinds: string[]; term: string; fields: string[] },
): Promise<Entity[]> {
  const { items } = await catalogApi.queryEntities({
    filter: { kind: options.kinds },
    fullTextFilter: options.term
      ? {
          term: options.term,
          fields: [
            'metadata.name',
            'metadata.title',
            'spec.profile.displayName',
          ],
        }
      : undefined,
    orderFields: { field: 'metadata.name', order: 'asc' },
    fields: options.fields,
    limit: SEARCH_LIMIT,
  });
  return items;
}

/** A picker's input: outlined and dense, the error (if any) in place of the helper text. */
export function PickerInput(props: {
  params: AutocompleteRenderInputParams;
  label: string;
  required?: boolean;
  error?: string;
  helperText?: string;
}) {
  return (
    <TextField
      {...props.params}
      label={props.label}
      variant="outlined"
      margin="dense"
      required={props.required}
      error={!!props.error}
      helperText={props.error ?? props.helperText}
    />
  );
}
