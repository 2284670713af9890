import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { shortRef } from '../../utils';
import {
  EntityPickerSuggestion,
  PickerInput,
  searchPickerEntities,
  usePickerSearch,
} from '../EntityPicker';

/** Props of {@link UserPicker}. */
export interface UserPickerProps {
  /** DOM id of the input; the label is tied to it. */
  id: string;
  label: string;
  value?: string;
  onChange(userEntityRef: string | undefined): void;
  /** People offered first, while they match what is typed. */
  suggestions?: EntityPickerSuggestion[];
  helperText?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
}

/** A catalog user as the picker shows it. */
export interface UserOption {
  userEntityRef: string;
  displayName: string;
  teams: string[];
  reason?: string;
}

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
  'relations',
];

export function toUserOption(entity: Entity, reason?: string): UserOption {
  const profile = (entity.spec?.profile ?? {}) as { displayName?: string };
  return {
    userEntityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    displayName:
      profile.displayName ?? entity.metadata.title ?? entity.metadata.name,
    teams: (entity.relations ?? [])
      .filter(r => r.type === 'memberOf')
      .map(r => shortRef(r.targetRef)),
    ...(reason ? { reason } : {}),
  };
}

const matches = (option: UserOption, term: string) =>
  !term ||
  [option.displayName, option.userEntityRef, ...option.teams]
    .join(' ')
    .toLocaleLowerCase('en-US')
    .includes(term.toLocaleLowerCase('en-US'));

/**
 * Picks one catalog user: searched by name as you type, shown by display name and teams.
 * Only a user the catalog knows can be chosen; typed text alone never is.
 */
export function UserPicker(props: UserPickerProps) {
  const {
    id,
    label,
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
  const [chosen, setChosen] = useState<UserOption | null>(null);

  const suggestionKey = suggestions.map(s => s.entityRef).join(',');
  const { value: suggested = [] } = useAsync(async (): Promise<
    UserOption[]
  > => {
    if (suggestions.length === 0) return [];
    const { items } = await catalogApi
      .getEntitiesByRefs({
        entityRefs: suggestions.map(s => s.entityRef),
        fields: FIELDS,
      })
      .catch(() => ({ items: [] as Array<Entity | undefined> }));
    return items.flatMap((entity, index) =>
      entity ? [toUserOption(entity, suggestions[index].reason)] : [],
    );
  }, [catalogApi, suggestionKey]);

  const { value: found = [], loading } = useAsync(async (): Promise<
    UserOption[]
  > => {
    if (!open) return [];
    const items = await searchPickerEntities(catalogApi, {
      kinds: ['User'],
      term,
      fields: FIELDS,
    });
    return items.map(entity => toUserOption(entity));
  }, [catalogApi, open, term]);

  const options: UserOption[] = [];
  const seen = new Set<string>();
  for (const option of [...suggested.filter(s => matches(s, term)), ...found]) {
    if (!seen.has(option.userEntityRef)) {
      seen.add(option.userEntityRef);
      options.push(option);
    }
  }
  const selected =
    value && chosen?.userEntityRef === value.toLocaleLowerCase('en-US')
      ? chosen
      : null;

  return (
    <Autocomplete<UserOption, false, false, false>
      id={id}
      disabled={disabled}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      loading={loading}
      options={options}
      // The catalog already filtered the search results; suggestions are filtered above.
      filterOptions={opts => opts}
      getOptionLabel={option => option.displayName}
      getOptionSelected={(option, other) =>
        option.userEntityRef === other.userEntityRef
      }
      noOptionsText={term ? `No user matches “${term}”` : 'No users'}
      value={selected}
      inputValue={input}
      onInputChange={(_event, text) => setInput(text)}
      onChange={(_event, option) => {
        setChosen(option);
        onChange(option?.userEntityRef);
      }}
      renderOption={option => (
        <div>
          <Typography variant="body2">{option.displayName}</Typography>
          <Typography variant="caption" color="textSecondary">
            {[
              option.teams.join(', ') || 'no team',
              option.reason && `suggested: ${option.reason}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
        </div>
      )}
      renderInput={params => (
        <PickerInput
          params={params}
          label={label}
          required={required}
          error={error}
          helperText={helperText}
        />
      )}
    />
  );
}
