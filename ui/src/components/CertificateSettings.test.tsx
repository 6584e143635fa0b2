import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import CertificateSettings from './CertificateSettings';
import { appInfo } from '../test/fixtures';
import { api, failure } from '../test/mockApi';
import { renderWithApp } from '../test/render';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const GATEWAY = {
  path: '/home/admin/corp-root.crt',
  subjects: ['示例科技 Security Gateway Root CA'],
  not_after: 'Nov 19 09:00:00 2036 GMT',
  from_env: false,
  problem: null,
};

describe('CertificateSettings', () => {
  it('adds the gateway’s root certificate, shows what it is, and removes it again', async () => {
    const withCa = appInfo({ ca: GATEWAY, settings: { language: 'zh', last_profile_id: null, ca_file: GATEWAY.path } });
    api.chooseCaFile.mockResolvedValueOnce(null).mockResolvedValueOnce(withCa);
    api.clearCaFile.mockResolvedValue(appInfo());
    const { user } = renderWithApp(<CertificateSettings open onClose={vi.fn()} />);
    expect(screen.getByTestId('ca-none')).toHaveTextContent('只信任系统自带的根证书');

    // Cancelling the file dialog changes nothing.
    await user.click(screen.getByTestId('ca-choose'));
    expect(screen.getByTestId('ca-none')).toBeInTheDocument();

    await user.click(screen.getByTestId('ca-choose'));
    const current = await screen.findByTestId('ca-current');
    expect(current).toHaveTextContent('/home/admin/corp-root.crt');
    expect(current).toHaveTextContent('示例科技 Security Gateway Root CA');
    expect(current).toHaveTextContent('Nov 19 09:00:00 2036 GMT');
    expect(await screen.findByText('已添加，下一次检测起生效')).toBeInTheDocument();

    await user.click(screen.getByTestId('ca-clear'));
    expect(await screen.findByTestId('ca-none')).toBeInTheDocument();
    expect(api.clearCaFile).toHaveBeenCalledTimes(1);
  });

  it('says why a file is refused and keeps what was there', async () => {
    api.chooseCaFile.mockRejectedValue(
      failure('文件 /home/admin/readme.txt 里没有 PEM 证书。', '/home/admin/readme.txt holds no PEM certificate.', 'not_a_certificate'),
    );
    const { user } = renderWithApp(<CertificateSettings open onClose={vi.fn()} />);
    await user.click(screen.getByTestId('ca-choose'));
    const refused = await screen.findByTestId('ca-refused');
    expect(refused).toHaveTextContent('这个文件不能用作根证书');
    expect(refused).toHaveTextContent('文件 /home/admin/readme.txt 里没有 PEM 证书。');
    expect(screen.getByTestId('ca-none')).toBeInTheDocument();
  });

  it('shows a certificate set from the environment, and a file that went missing', () => {
    renderWithApp(<CertificateSettings open onClose={vi.fn()} />, {
      info: appInfo({ ca: { ...GATEWAY, from_env: true, subjects: [], not_after: '', problem: 'No such file or directory' } }),
    });
    const current = screen.getByTestId('ca-current');
    expect(current).toHaveTextContent('来自环境变量 DINGBIND_CA_FILE');
    expect(current).toHaveTextContent('No such file or directory');
    expect(screen.queryByTestId('ca-clear')).not.toBeInTheDocument();
  });
});
