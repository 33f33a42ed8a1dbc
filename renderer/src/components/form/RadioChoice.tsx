import { Radio } from 'react-aria-components';

/** One option of a react-aria RadioGroup, drawn with the app's radio dot. */
export function RadioChoice({ value, children }: { value: string; children: string }) {
  return (
    <Radio value={value} className="radio">
      <span className="radio__dot" aria-hidden="true" />
      {children}
    </Radio>
  );
}
