import { Form } from '@rjsf/antd';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { App, Button, Card, Descriptions, Flex, Grid, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { JsonSchema, ProcedureEntry } from './catalogue';
import { clientCode } from './client-code';
import { fileWidget, type FileChoices } from './FileWidget';
import { curlCommand, httpCallFor, send, type HttpAnswer } from './http';
import { exampleInput, typeText, withOptionTitles } from './schema-text';
import { tokenIn, type PanelSession } from './session';
import { subscribe } from './subscribe';
import { zodValidator } from './zod-validator';

const typeColour = { query: 'blue', mutation: 'orange', subscription: 'purple' } as const;

interface StreamState {
  status: 'connecting' | 'open' | 'closed' | 'stopped' | 'failed';
  events: Array<{ afterMs: number; data: unknown }>;
  error?: string;
}

/** The inline errors of a BAD_REQUEST answer: the server's own zod messages, by field. */
function serverFieldErrors(body: unknown): ErrorSchema | undefined {
  const fieldErrors = (body as { error?: { data?: { fieldErrors?: Record<string, string[]> } } } | null)?.error?.data
    ?.fieldErrors;
  if (!fieldErrors) return undefined;
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, messages]) => [field, { __errors: messages }]),
  ) as ErrorSchema;
}

function uiSchemaFor(procedure: ProcedureEntry, input: JsonSchema): UiSchema {
  const properties = (input.properties ?? {}) as Record<string, { format?: string }>;
  const fields = Object.fromEntries(
    Object.entries(properties).flatMap(([name, property]): Array<[string, UiSchema]> => {
      if (property.format === 'binary') return [[name, { 'ui:widget': 'binaryFile' }]];
      if (/password/i.test(name)) return [[name, { 'ui:widget': 'password' }]];
      return [];
    }),
  );
  return {
    ...fields,
    'ui:submitButtonOptions': {
      submitText: procedure.type === 'subscription' ? 'Subscribe' : 'Call',
      props: { type: 'primary' },
    },
  };
}

function statusColour(status: number): string {
  if (status < 300) return 'green';
  if (status < 500) return 'orange';
  return 'red';
}

function Code({ children, label }: { children: string; label: string }) {
  return (
    <pre className="panel-code" aria-label={label}>
      {children}
    </pre>
  );
}

export function ProcedureView({
  procedure,
  output,
  session,
}: {
  procedure: ProcedureEntry;
  output: JsonSchema | undefined;
  session: PanelSession;
}) {
  const { message } = App.useApp();
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const input = procedure.input;
  const example = useMemo(() => (input ? exampleInput(input) : undefined), [input]);
  const [formData, setFormData] = useState<unknown>(() =>
    input ? exampleInput({ ...input, required: [] }) : undefined,
  );
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>();
  const [answer, setAnswer] = useState<HttpAnswer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [stream, setStream] = useState<StreamState | null>(null);
  const [, setFilesVersion] = useState(0);
  // One map for the life of the view: the file inputs write the chosen File objects into it.
  const [files] = useState<FileChoices>(() => new Map());
  const stopStream = useRef<(() => void) | null>(null);
  const widgets = useMemo(() => ({ binaryFile: fileWidget(files, () => setFilesVersion((v) => v + 1)) }), [files]);
  const uiSchema = useMemo(() => (input ? uiSchemaFor(procedure, input) : {}), [procedure, input]);
  const formSchema = useMemo(() => (input ? (withOptionTitles(input) as RJSFSchema) : undefined), [input]);

  useEffect(() => () => stopStream.current?.(), []);

  const origin = window.location.origin;
  const callInput = input ? formData : undefined;
  const call = httpCallFor(procedure, callInput, session.token, files);
  const curl = curlCommand(call, origin);
  const code = clientCode(procedure, callInput, { origin, files, account: session.account });

  const runSubscription = (value: unknown) => {
    stopStream.current?.();
    const started = performance.now();
    setStream({ status: 'connecting', events: [] });
    stopStream.current = subscribe(procedure.path, value, session.token, {
      onStarted: () => setStream((s) => s && { ...s, status: 'open' }),
      onData: (data) =>
        setStream(
          (s) => s && { ...s, events: [...s.events, { afterMs: Math.round(performance.now() - started), data }] },
        ),
      onError: (error) =>
        setStream(
          (s) => s && { ...s, status: 'failed', error: error instanceof Error ? error.message : String(error) },
        ),
      onComplete: () => setStream((s) => s && { ...s, status: 'closed' }),
    });
  };

  const run = async (value: unknown) => {
    setExtraErrors(undefined);
    setFailure(null);
    if (procedure.type === 'subscription') {
      runSubscription(value);
      return;
    }
    setBusy(true);
    try {
      const result = await send(httpCallFor(procedure, value, session.token, files));
      setAnswer(result);
      setExtraErrors(serverFieldErrors(result.body));
      const signedIn = tokenIn(result.body);
      if (signedIn) {
        session.signIn(signedIn.token, signedIn.account);
        void message.info('The access token from this answer is now used for every call.');
      }
    } catch (error) {
      setAnswer(null);
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const copy = async (text: string, what: string) => {
    await navigator.clipboard.writeText(text);
    void message.success(`Copied ${what}`);
  };

  const copyButtons = (
    <Space wrap>
      <Button onClick={() => void copy(curl, 'the curl command')}>Copy as curl</Button>
      <Button onClick={() => void copy(code, 'the @arya/client code')}>Copy as @arya/client code</Button>
    </Space>
  );

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4, overflowWrap: 'anywhere' }}>
          <code>{procedure.path}</code> <Tag color={typeColour[procedure.type]}>{procedure.type}</Tag>
          {procedure.inputEncoding === 'multipart' && <Tag>multipart/form-data</Tag>}
        </Typography.Title>
        <Typography.Paragraph>{procedure.description}</Typography.Paragraph>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="HTTP">
            <code>
              {call.method} /trpc/{procedure.path}
            </code>
          </Descriptions.Item>
        </Descriptions>
      </div>

      <Card title="Input" size="small">
        {formSchema ? (
          <Form
            schema={formSchema}
            uiSchema={uiSchema}
            widgets={widgets}
            validator={zodValidator}
            formData={formData}
            onChange={(event) => setFormData(event.formData)}
            onSubmit={(event) => void run(event.formData)}
            // The errors show under their fields; without a handler rjsf also logs them as a console error.
            onError={() => setAnswer(null)}
            focusOnFirstError
            extraErrors={extraErrors}
            showErrorList={false}
            // The zod messages inline under each field, not the browser's own bubbles.
            noHtml5Validate
            disabled={busy}
          />
        ) : (
          <Space orientation="vertical">
            <Typography.Text type="secondary">This procedure takes no input.</Typography.Text>
            <Button type="primary" loading={busy} onClick={() => void run(undefined)}>
              {procedure.type === 'subscription' ? 'Subscribe' : 'Call'}
            </Button>
          </Space>
        )}
      </Card>

      {procedure.type === 'subscription' && stream && (
        <Card
          size="small"
          title={
            <Space>
              Events <Tag data-testid="stream-status">{stream.status}</Tag>
              <Typography.Text type="secondary">{stream.events.length} received</Typography.Text>
            </Space>
          }
          extra={
            <Button
              disabled={stream.status !== 'open' && stream.status !== 'connecting'}
              onClick={() => {
                stopStream.current?.();
                setStream((s) => s && { ...s, status: 'stopped' });
              }}
            >
              Stop
            </Button>
          }
        >
          {stream.error && <Typography.Text type="danger">{stream.error}</Typography.Text>}
          <ol className="panel-events" aria-label="Events">
            {stream.events.map((event, index) => (
              <li key={index}>
                <Typography.Text type="secondary">+{event.afterMs} ms</Typography.Text>{' '}
                <code>{JSON.stringify(event.data)}</code>
              </li>
            ))}
          </ol>
        </Card>
      )}

      {(answer || failure) && (
        <Card
          size="small"
          title={
            answer ? (
              <Space>
                Response
                <Tag color={statusColour(answer.status)} data-testid="response-status">
                  HTTP {answer.status}
                </Tag>
                <Tag data-testid="response-time">{answer.milliseconds} ms</Tag>
              </Space>
            ) : (
              'Response'
            )
          }
        >
          {failure ? (
            <Typography.Text type="danger">Request failed: {failure}</Typography.Text>
          ) : (
            <Code label="Response body">{JSON.stringify(answer?.body, null, 2)}</Code>
          )}
        </Card>
      )}

      <Card size="small">
        <Tabs
          items={[
            {
              key: 'output',
              label: 'Output type',
              children: (
                <Code label="Output type">
                  {procedure.type === 'subscription'
                    ? 'Server-sent events: each `data:` is one event as JSON; `id:` resumes with lastEventId.'
                    : output
                      ? typeText(output)
                      : 'Not described.'}
                </Code>
              ),
            },
            {
              key: 'example',
              label: 'Example input',
              children: input ? (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Code label="Example input">{JSON.stringify(example, null, 2)}</Code>
                  <Button onClick={() => setFormData(example)}>Put the example into the form</Button>
                </Space>
              ) : (
                <Typography.Text type="secondary">No input.</Typography.Text>
              ),
            },
            {
              key: 'curl',
              label: 'curl',
              children: <Code label="curl command">{curl}</Code>,
            },
            {
              key: 'client',
              label: '@arya/client',
              children: <Code label="@arya/client code">{code}</Code>,
            },
          ]}
          // beside the tabs where they fit; on a phone under them, as the tabs take the whole width
          tabBarExtraContent={narrow ? undefined : copyButtons}
        />
        {narrow ? <div style={{ marginTop: 12 }}>{copyButtons}</div> : null}
      </Card>
    </Flex>
  );
}
