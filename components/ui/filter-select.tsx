// The form controls of the GET filter forms (caseload, audit log, outcomes): one look, and one
// labelled <select> whose first option means "no filter". Plain module, so server components use it.

export const filterControl = 'min-h-11 w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900'
export const filterLabel = 'font-medium text-stone-800'

export function FilterSelect({
  id,
  name,
  label,
  value,
  anyLabel,
  options,
}: {
  id: string
  name: string
  label: string
  /** The current value; null or '' selects the "no filter" option. */
  value: string | null
  /** The first option's words ("All questionnaires", "Everyone", …); its value is ''. */
  anyLabel: string
  options: readonly { value: string; label: string }[]
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={filterLabel}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className={filterControl}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
