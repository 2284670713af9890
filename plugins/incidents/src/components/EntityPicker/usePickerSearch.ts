import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/** A picker's open state, its typed text, and the search term it settles to (debounced). */
export function usePickerSearch() {
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  useDebounce(() => setTerm(input.trim()), 250, [input]);
  return { open, setOpen, input, setInput, term };
}
