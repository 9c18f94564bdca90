import { InboxOutlined } from '@ant-design/icons';
import { Progress, Upload, Typography } from 'antd';
import { useState } from 'react';
import { isUnauthorized } from '@arya/client/links';
import type { BomFileKind } from '@arya/validators/enums';
import { useSessionStore } from '../../auth/SessionProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { uploadWorkbook, type UploadedWorkbook } from '../../lib/upload-workbook';

type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; name: string; percent: number }
  | { phase: 'failed'; error: unknown }
  | { phase: 'done'; name: string };

/** Drag-and-drop (or pick) one workbook; shows the upload's progress, then hands the server's inspection over. */
export function WorkbookUpload({
  kind,
  onUploaded,
  hint,
}: {
  kind: BomFileKind;
  onUploaded: (file: UploadedWorkbook) => void;
  /** Below the drop text; the new run's by default (what is checked before the run). */
  hint?: string;
}) {
  const { t, locale } = useI18n();
  const session = useSessionStore();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });

  const upload = async (file: File) => {
    const send = () =>
      uploadWorkbook({
        file,
        kind,
        accessToken: session.accessToken(),
        locale,
        onProgress: (percent) => setState({ phase: 'uploading', name: file.name, percent }),
      });
    setState({ phase: 'uploading', name: file.name, percent: 0 });
    try {
      let uploaded: UploadedWorkbook;
      try {
        uploaded = await send();
      } catch (error) {
        // an access token that expired mid-session: refresh once and send again
        if (!isUnauthorized(error) || (await session.refresh()) !== 'refreshed') throw error;
        uploaded = await send();
      }
      setState({ phase: 'done', name: file.name });
      onUploaded(uploaded);
    } catch (error) {
      setState({ phase: 'failed', error });
    }
  };

  return (
    <div>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={state.phase === 'uploading'}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t(kind === 'bom' ? 'bom.dropBom' : 'bom.dropOps')}</p>
        <p className="ant-upload-hint">{hint ?? t('bom.uploadHint')}</p>
      </Upload.Dragger>
      {state.phase === 'uploading' ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Text>{t('bom.uploading', { name: state.name })}</Typography.Text>
          <Progress percent={state.percent} aria-label={t('bom.uploading', { name: state.name })} />
        </div>
      ) : null}
      {state.phase === 'done' ? (
        <Typography.Paragraph type="success" style={{ marginTop: 12 }}>
          {t('bom.uploaded', { name: state.name })}
        </Typography.Paragraph>
      ) : null}
      {state.phase === 'failed' ? (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={state.error} />
        </div>
      ) : null}
    </div>
  );
}
