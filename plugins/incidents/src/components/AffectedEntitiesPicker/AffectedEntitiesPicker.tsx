import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';

/** Kinds an incident can affect (what the catalog models as running things). */
const AFFECTABLE_KINDS = ['Component', 'System', 'Resource', 'API', 'Domain'];

/** Props of {@link AffectedEntitiesPicker}. @public */
export interface AffectedEntitiesPickerProps {
  value: string[];
  onChange(refs: string[]): void;
  error?: string;
  disabled?: boolean;
}

/**
 * Normalises what a user typed into a full entity ref (`checkout` becomes
 * `component:default/checkout`); undefined if it cannot be one.
 */
export function toEntityRef(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed || /\s/.test(trimmed)) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(trimmed, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Multi-select of catalog entities, searched as you type; chips show the selected refs.
 * A ref that the search does not find can still be typed and confirmed with Enter.
 *
 * @public
 */
export function AffectedEntitiesPicker(props: AffectedEntitiesPickerProps) {
  const { value, onChange, error, disabled } = props;
  const catalogApi = useApi(catalogApiRef);
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  const [invalid, setInvalid] = useState<string>();
  useDebounce(() => setTerm(input.trim()), 250, [input]);

  const { value: entities = [], loading } = useAsync(async (): Promise<
    Entity[]
  > => {
    if (!open) {
      return [];
    }
    try {
      const response = await catalogApi.queryEntities({
        filter: { kind: AFFECTABLE_KINDS },
        fullTextFilter: term
          ? { term, fields: ['metadata.name', 'metadata.title'] }
          : undefined,
        orderFields: { field: 'metadata.name', order: 'asc' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
        ],
        limit: 20,
      });
      return response.items;
    } catch {
      // Search is a convenience: typed refs still work without it.
      return [];
    }
  }, [catalogApi, open, term]);

  const titles = new Map<string, string | undefined>(
    entities.map(e => [
      stringifyEntityRef(e).toLocaleLowerCase('en-US'),
      e.metadata.title,
    ]),
  );
  const options = [...titles.keys()];

  return (
    <Autocomplete<string, true, false, true>
      id="affected-entities"
      multiple
      freeSolo
      filterSelectedOptions
      disabled={disabled}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      loading={loading}
      options={options}
      // The catalog already filtered by the term; don't filter twice.
      filterOptions={opts => opts}
      value={value}
      inputValue={input}
      onInputChange={(_event, text, reason) => {
        if (reason !== 'reset') {
          setInput(text);
          setInvalid(undefined);
        }
      }}
      onChange={(_event, selected) => {
        const refs: string[] = [];
        for (const item of selected) {
          const ref = toEntityRef(item);
          if (!ref) {
            setInvalid(`"${item}" is not an entity ref`);
            continue;
          }
          if (!refs.includes(ref)) {
            refs.push(ref);
          }
        }
        setInput('');
        onChange(refs);
      }}
      renderOption={option => (
        <div>
          <Typography variant="body2">
            {titles.get(option) ?? option}
          </Typography>
          {titles.get(option) && (
            <Typography variant="caption" color="textSecondary">
              {option}
            </Typography>
          )}
        </div>
      )}
      renderTags={(selected, getTagProps) =>
        selected.map((ref, index) => (
          <Chip
            {...getTagProps({ index })}
            key={ref}
            label={ref}
            size="small"
            data-testid="affected-entity-chip"
          />
        ))
      }
      renderInput={params => (
        <TextField
          {...params}
          label="Affected entities"
          variant="outlined"
          margin="dense"
          inputProps={{ ...params.inputProps, 'aria-required': true }}
          error={!!(error || invalid)}
          helperText={
            invalid ??
            error ??
            'Search the catalog, or type a ref (kind:namespace/name) and press Enter'
          }
        />
      )}
    />
  );
}
