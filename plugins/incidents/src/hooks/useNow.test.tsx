import { act, render, screen } from '@testing-library/react';
import { useNow } from './useNow';

function Clock(props: { id: number }) {
  const now = useNow();
  return <span data-testid={`clock-${props.id}`}>{now}</span>;
}

describe('useNow', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2026-12-02T10:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs one timer for every clock of an interval, and updates them in one go', () => {
    const clocks = Array.from({ length: 100 }, (_, id) => id);
    const { unmount } = render(
      <>
        {clocks.map(id => (
          <Clock key={id} id={id} />
        ))}
      </>,
    );
    expect(jest.getTimerCount()).toBe(1);
    const shown = () =>
      new Set(clocks.map(id => screen.getByTestId(`clock-${id}`).textContent));
    expect(shown()).toEqual(new Set([String(Date.now())]));

    act(() => {
      jest.advanceTimersByTime(30_000);
    });
    expect(shown()).toEqual(
      new Set([String(Date.parse('2026-12-02T10:00:30Z'))]),
    );

    unmount();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('renders the current time, not a stale one, when the first clock mounts again', () => {
    const first = render(<Clock id={1} />);
    first.unmount();
    jest.setSystemTime(Date.parse('2026-12-02T11:00:00Z'));
    const rendered: number[] = [];
    function Recording() {
      const now = useNow();
      rendered.push(now);
      return <span data-testid="clock-2">{now}</span>;
    }
    render(<Recording />);
    expect(screen.getByTestId('clock-2').textContent).toBe(
      String(Date.parse('2026-12-02T11:00:00Z')),
    );
    // Its first render already had it: no frame with the time of an hour ago.
    expect(new Set(rendered)).toEqual(
      new Set([Date.parse('2026-12-02T11:00:00Z')]),
    );
  });
});
