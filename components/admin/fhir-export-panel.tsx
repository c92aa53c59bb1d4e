// The practice's records as a FHIR bulk export, on the admin's home. A plain download link (the
// route streams NDJSON), so it works without script and from the keyboard like any link.
import { cardStyles } from '@/components/ui/card-styles'
import { buttonStyles } from '@/components/ui/button-styles'

export function FhirExportPanel() {
  return (
    <section aria-labelledby="fhir-export" className={`${cardStyles} flex flex-col items-start gap-3`}>
      <div>
        <h2 id="fhir-export" className="text-xl font-semibold">
          Records export
        </h2>
        <p className="text-stone-600">
          Every client&apos;s record (details, questionnaires, answers, scores and goals) in FHIR R4, one resource per line, for moving to another system. The
          download is recorded in the audit log.
        </p>
      </div>
      <a href="/admin/fhir/export" download className={buttonStyles.secondary}>
        Bulk FHIR export (NDJSON)
      </a>
    </section>
  )
}
