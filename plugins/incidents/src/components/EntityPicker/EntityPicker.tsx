import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { toEntityRef } from '../AffectedEntitiesPicker';
import { PickerInput, searchPickerEntities } from './pickerParts';
import { usePickerSearch } from './usePickerSearch';

/** An option offered before the search results, e.g. the on-call of a group. */
export interface EntityPickerSuggestion {
  entityRef: string;
  /** Why it is suggested, e.g. "on call for storefront". */
  reason: string;
}

/** Props of {@link EntityPicker}. */
export interface EntityPickerProps {
  /** DOM id of the input; the label is tied to it. */
  id: string;
  label: string;
  /** Catalog kinds to search, e.g. `['User']`. The first is the default kind of typed refs. */
  kinds: string[];
  value?: string;
  onChange(entityRef: string | undefined): void;
  suggestions?: EntityPickerSuggestion[];
  helperText?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
}

interface Option {
  entityRef: string;
  title?: string;
  reason?: string;
}

/**
 * Picks one catalog entity: suggestions first, then the catalog searched as you type. A ref
 * the search does not find can still be typed (`alice` for a user, `kind:namespace/name`).
 */
export function EntityPicker(props: EntityPickerProps) {
  const {
    id,
    label,
    kinds,
    value,
    onChange,
    suggestions = [],
    helperText,
    error,
    required,
    disabled,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  const { open, setOpen, input, setInput, term } = usePickerSearch();
  const [invalid, setInvalid] = useState<string>();
  const defaultKind = (kinds[0] ?? 'component').toLocaleLowerCase('en-US');

  const { value: entities = [], loading } = useAsync(async (): Promise<
    Entity[]
  > => {
    if (!open) return [];
    try {
      return await searchPickerEntities(catalogApi, {
        kinds,
        term,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.profile.displayName',
        ],
      });
    } catch {
      // Search is a convenience: typed refs still work without it.
      return [];
    }
  }, [catalogApi, open, term, kinds.join(',')]);

  const options: Option[] = [];
  const seen = new Set<string>();
  for (const suggestion of suggestions) {
    const ref = suggestion.entityRef.toLocaleLowerCase('en-US');
    if (!seen.has(ref)) {
      seen.add(ref);
      options.push({ entityRef: ref, reason: suggestion.reason });
    }
  }
  for (const entity of entities) {
    const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    if (!seen.has(ref)) {
      seen.add(ref);
      const profile = (entity.spec?.profile ?? {}) as { displayName?: string };
      options.push({
        entityRef: ref,
        title: entity.metadata.title ?? profile.displayName,
      });
    }
  }
  const selected = value
    ? options.find(o => o.entityRef === value.toLocaleLowerCase('en-US')) ?? {
        entityRef: value,
      }
    : null;

  const commit = (text: string) => {
    const ref = toEntityRef(
      text.includes(':') ? text : `${defaultKind}:${text}`,
    );
    if (!ref) {
      setInvalid(`"${text}" is not an entity ref`);
      return;
    }
    onChange(ref);
  };

  return (
    <Autocomplete<Option, false, false, true>
      id={id}
      freeSolo
      disabled={disabled}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      loading={loading}
      options={options}
      // Suggestions always show; the catalog already filtered the rest by the term.
      filterOptions={opts => opts}
      getOptionLabel={option =>
        typeof option === 'string' ? option : option.entityRef
      }
      getOptionSelected={(option, selectedOption) =>
        option.entityRef === selectedOption.entityRef
      }
      value={selected}
      inputValue={input}
      onInputChange={(_event, text, reason) => {
        setInput(text);
        if (reason === 'input') {
          setInvalid(undefined);
        }
      }}
      onChange={(_event, option) => {
        if (!option) {
          onChange(undefined);
        } else if (typeof option === 'string') {
          commit(option);
        } else {
          onChange(option.entityRef);
        }
      }}
      onBlur={() => {
        // A typed ref counts without pressing Enter.
        const text = input.trim();
        if (text && text !== value) {
          commit(text);
        }
      }}
      renderOption={option => (
        <div>
          <Typography variant="body2">
            {option.title ?? option.entityRef}
          </Typography>
          {(option.title || option.reason) && (
            <Typography variant="caption" color="textSecondary">
              {option.reason ? `Suggested: ${option.reason}` : option.entityRef}
            </Typography>
          )}
        </div>
      )}
      renderInput={params => (
        <PickerInput
          params={params}
          label={label}
          required={required}
          error={invalid ?? error}
          helperText={helperText}
        />
      )}
    />
  );
}
