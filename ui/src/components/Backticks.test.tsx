import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import Backticks from './Backticks';

describe('Backticks', () => {
  it('shows each backticked name as code, without the backticks', () => {
    const { container } = render(<Backticks text="`corp_idd` 不在 `needs` 里" />);
    expect(container).toHaveTextContent('corp_idd 不在 needs 里');
    expect([...container.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['corp_idd', 'needs']);
  });

  it('leaves an unpaired backtick as written', () => {
    const { container } = render(<Backticks text="a lone ` here" />);
    expect(container).toHaveTextContent('a lone ` here');
    expect(container.querySelector('code')).toBeNull();
  });
});
