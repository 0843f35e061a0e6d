{{/*
Names and labels shared by every template. A service's objects are named <release>-<service>
(cut to 63 characters) and carry the app.kubernetes.io labels; the selector uses only the
stable ones (name, instance, component).
*/}}

{{- define "cairn.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cairn.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The name of one service's objects; call with (dict "root" $ "service" "clients"). */}}
{{- define "cairn.serviceName" -}}
{{- printf "%s-%s" (include "cairn.fullname" .root) .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cairn.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object; call with (dict "root" $ "service" "clients"). */}}
{{- define "cairn.labels" -}}
helm.sh/chart: {{ include "cairn.chart" .root }}
{{ include "cairn.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: cairn
{{- end -}}

{{/* The labels a service's pods are selected by. */}}
{{- define "cairn.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cairn.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .service }}
{{- end -}}

{{/* The image of a service: registry/repository:tag, the tag defaulting to the chart's appVersion. */}}
{{- define "cairn.image" -}}
{{- $registry := .root.Values.global.imageRegistry -}}
{{- $tag := default .root.Chart.AppVersion (default .root.Values.global.imageTag .config.image.tag) -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry .config.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .config.image.repository $tag -}}
{{- end -}}
{{- end -}}
