import type { WidgetProps } from '@rjsf/utils';

/** Where the form's file inputs put the chosen files: the form data keeps only each file's name. */
export type FileChoices = Map<string, File>;

/**
 * A file input for a `format: "binary"` field (multipart uploads such as `bom.files.upload`). rjsf's own FileWidget
 * reads files into data URLs for `format: "data-url"`; the server wants the bytes as a multipart part instead.
 */
export function fileWidget(choices: FileChoices, changed: () => void) {
  return function BinaryFileWidget({ id, name, schema, disabled, readonly, required, onChange }: WidgetProps) {
    const mediaType = typeof schema.contentMediaType === 'string' ? schema.contentMediaType : undefined;
    return (
      <input
        id={id}
        name={name}
        type="file"
        accept={mediaType}
        required={required}
        disabled={disabled || readonly}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) choices.set(name, file);
          else choices.delete(name);
          changed();
          onChange(file?.name);
        }}
      />
    );
  };
}
