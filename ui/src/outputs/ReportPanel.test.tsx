// The report panel: each button saves the report in its format and the chosen language, then shows
// where it went with a button that opens it.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import i18n from '../i18n';
import { api, failure } from '../test/mockApi';
import { renderWithApp } from '../test/render';
import ReportPanel from './ReportPanel';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const HTML_PATH = '/home/admin/文档/钉钉绑定报告-总部私有云.html';
const MD_PATH = '/home/admin/文档/钉钉绑定报告-总部私有云.md';
const JSON_PATH = '/home/admin/文档/钉钉绑定报告-总部私有云.json';

describe('report panel', () => {
  it('saves each format in Chinese by default and shows where it went', async () => {
    api.saveReport.mockResolvedValueOnce(HTML_PATH).mockResolvedValueOnce(MD_PATH).mockResolvedValueOnce(JSON_PATH);
    const { user } = renderWithApp(<ReportPanel profileId="p1" />);
    const panel = screen.getByTestId('report-panel');
    expect(within(panel).getByText('绑定报告')).toBeInTheDocument();
    expect(screen.queryByTestId('report-saved')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('report-html'));
    expect(api.saveReport).toHaveBeenLastCalledWith('p1', 'html', 'zh');
    const saved = await screen.findByTestId('report-saved');
    expect(saved).toHaveTextContent('已保存：');
    expect(saved).toHaveTextContent(HTML_PATH);
    expect(await screen.findByText(`报告已保存到 ${HTML_PATH}`)).toBeInTheDocument();

    await user.click(screen.getByTestId('report-md'));
    expect(api.saveReport).toHaveBeenLastCalledWith('p1', 'md', 'zh');
    await waitFor(() => expect(screen.getByTestId('report-saved')).toHaveTextContent(MD_PATH));

    await user.click(screen.getByTestId('report-json'));
    expect(api.saveReport).toHaveBeenLastCalledWith('p1', 'json', 'zh');
    await waitFor(() => expect(screen.getByTestId('report-saved')).toHaveTextContent(JSON_PATH));
    expect(screen.getByTestId('report-saved')).not.toHaveTextContent(HTML_PATH);
    expect(api.saveReport).toHaveBeenCalledTimes(3);
  });

  it('saves in the language picked', async () => {
    api.saveReport.mockResolvedValue(HTML_PATH);
    const { user } = renderWithApp(<ReportPanel profileId="p1" />);
    await user.click(screen.getByText('English'));
    await user.click(screen.getByTestId('report-html'));
    expect(api.saveReport).toHaveBeenLastCalledWith('p1', 'html', 'en');
    await user.click(screen.getByTestId('report-md'));
    expect(api.saveReport).toHaveBeenLastCalledWith('p1', 'md', 'en');
    await user.click(screen.getByText('中文'));
    await user.click(screen.getByTestId('report-json'));
    expect(api.saveReport).toHaveBeenLastCalledWith('p1', 'json', 'zh');
  });

  it('starts in English when the app speaks English', async () => {
    await i18n.changeLanguage('en');
    api.saveReport.mockResolvedValue(MD_PATH);
    const { user } = renderWithApp(<ReportPanel profileId="p1" />);
    await user.click(screen.getByTestId('report-md'));
    expect(api.saveReport).toHaveBeenLastCalledWith('p1', 'md', 'en');
  });

  it('opens the saved report', async () => {
    api.saveReport.mockResolvedValue(HTML_PATH);
    api.openSaved.mockResolvedValue(null);
    const { user } = renderWithApp(<ReportPanel profileId="p1" />);
    await user.click(screen.getByTestId('report-html'));
    const open = await screen.findByTestId('report-open');
    expect(open).toHaveTextContent('打开报告');
    await user.click(open);
    expect(api.openSaved).toHaveBeenCalledTimes(1);
    expect(api.openSaved).toHaveBeenCalledWith(HTML_PATH);
  });

  it('says when the report cannot be opened', async () => {
    api.saveReport.mockResolvedValue(HTML_PATH);
    api.openSaved.mockRejectedValue(failure('无法打开：系统没有可用的默认浏览器或程序。'));
    const { user } = renderWithApp(<ReportPanel profileId="p1" />);
    await user.click(screen.getByTestId('report-html'));
    await user.click(await screen.findByTestId('report-open'));
    expect(await screen.findByText('无法打开：系统没有可用的默认浏览器或程序。')).toBeInTheDocument();
  });

  it('shows nothing when the save dialog is cancelled', async () => {
    api.saveReport.mockResolvedValue(null);
    const { user } = renderWithApp(<ReportPanel profileId="p1" />);
    await user.click(screen.getByTestId('report-json'));
    await waitFor(() => expect(api.saveReport).toHaveBeenCalledWith('p1', 'json', 'zh'));
    await waitFor(() => expect(screen.getByTestId('report-json')).not.toHaveClass('ant-btn-loading'));
    expect(screen.queryByTestId('report-saved')).not.toBeInTheDocument();
    expect(screen.queryByText(/报告已保存到/)).not.toBeInTheDocument();
  });

  it('says why a report could not be saved', async () => {
    api.saveReport.mockRejectedValue(failure('无法写入 /tmp/r.html：磁盘已满'));
    const { user } = renderWithApp(<ReportPanel profileId="p1" />);
    await user.click(screen.getByTestId('report-html'));
    expect(await screen.findByText('无法写入 /tmp/r.html：磁盘已满')).toBeInTheDocument();
    expect(screen.queryByTestId('report-saved')).not.toBeInTheDocument();
  });
});
