// A minimal JSX namespace so the fixture type-checks without React.
declare namespace JSX {
  interface IntrinsicElements {
    [name: string]: Record<string, unknown>;
  }
}
